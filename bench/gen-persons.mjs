// Writes N persons as CSV (name,id_number,phone,region_code) with valid, distinct resident ID numbers.
// usage: node bench/gen-persons.mjs N > persons.csv
const n = Number(process.argv[2] || 1000000);
const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const regions = ['370102', '370103', '370104', '370105', '370112', '370202', '370203', '370211', '370302', '370602', '370702', '370811', '370902', '371002', '371302', '371402'];
const sur = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const giv = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '建国', '志强'];
let seed = 12345;
const rnd = (m) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % m; };
const out = ['name,id_number,phone,region_code'];
let buf = '';
process.stdout.write(out[0] + '\n');
for (let i = 0; i < n; i++) {
  // distinct numbers: the index fixes the birth date (from 1960) and the sequence
  const region = regions[i % regions.length];
  const k = Math.floor(i / regions.length);
  const day = new Date(Date.UTC(1960, 0, 1) + (k % 16000) * 86400000);
  const ymd = day.toISOString().slice(0, 10).replaceAll('-', '');
  const seq = String(Math.floor(k / 16000) + 1).padStart(3, '0');
  const body = region + ymd + seq;
  let s = 0;
  for (let j = 0; j < 17; j++) s += Number(body[j]) * w[j];
  const id = body + '10X98765432'[s % 11];
  const phone = '138' + String(10000000 + i).slice(-8);
  buf += `${sur[rnd(sur.length)]}${giv[rnd(giv.length)]},${id},${phone},${region}\n`;
  if (buf.length > 1 << 20) { process.stdout.write(buf); buf = ''; }
}
process.stdout.write(buf);
