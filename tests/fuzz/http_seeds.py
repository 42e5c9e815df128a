#!/usr/bin/env python3
"""http_seeds.py: writes the starting seeds of the HTTP harness (tests/fuzz/corpus/http/seed-*): one request
per route of the binary's table (`build/jineng routes --json`) as a role that may call it (and one anonymous), with plausible query strings
and JSON bodies, in the harness's input format (fuzz_http.c): a role digit, a client byte, then
"METHOD TARGET\\n" headers "\\n" body. Run from the repository root; the corpus is then minimised with
libFuzzer's -merge=1 (docs/security/fuzz.md)."""
import json, os, re, subprocess

ROLES = {'anon': 0, 'province_admin': 1, 'city_admin': 2, 'institution_admin': 3, 'institution_staff': 4,
         'examiner': 5, 'supervisor': 6, 'candidate': 7}
IDS = {'id': '1', 'code': '6-31-01-03', 'number': 'S000037000002261000001', 'list': 'revoked',
       'registration': '1', 'pos': '0'}
CERT = 'S000037000002261000001'
BODIES = {
    ('POST', '/api/v1/auth/login'): {'username': 'jinan_org_admin', 'password': 'wrong-Password1'},
    ('POST', '/api/v1/auth/password'): {'old_password': 'x', 'new_password': 'Longer-Passw0rd!'},
    ('POST', '/api/v1/users'): {'username': 'u1', 'password': 'Passw0rd!xyz', 'role': 'examiner',
                                'display_name': '张三', 'examiner_grade': '一级', 'region_code': '370100'},
    ('PATCH', '/api/v1/users/{id}'): {'disabled': True, 'display_name': '李四'},
    ('POST', '/api/v1/occupations'): {'code': '9-99-99-99', 'name': '测试', 'category': '6', 'levels': [4, 5],
                                      'types': [], 'kind': 'occupation'},
    ('POST', '/api/v1/occupations/{code}/standards'): {'version': 'x', 'template': '2023',
                                                        'profile': {'conditions': {'2023-5-a': [6]}}},
    ('POST', '/api/v1/institutions'): {'name': '测试公司', 'credit_code': '91370100MA3C5IOSVZ', 'type': 'employer',
                                       'region_code': '370100', 'address': '济南', 'contact_name': '王',
                                       'contact_phone': '13800138000'},
    ('PATCH', '/api/v1/institutions/{id}'): {'address': '济南市历下区', 'contact_phone': '0531-88889999'},
    ('POST', '/api/v1/institutions/{id}/status'): {'status': 'suspended', 'reason': '核查'},
    ('PUT', '/api/v1/institutions/{id}/scopes'): {'scopes': [{'occupation_code': '6-31-01-03', 'levels': [4, 5]}]},
    ('POST', '/api/v1/persons'): {'name': '张三', 'id_type': 'resident', 'id_number': '370102199001011234',
                                  'phone': '13800138000', 'region_code': '370102', 'education': 'bachelor'},
    ('PATCH', '/api/v1/persons/{id}'): {'phone': '+86 138 0013 8000', 'education': 'master'},
    ('POST', '/api/v1/persons/{id}/work-history'): {'occupation_code': '6-31-01-03', 'from': '2015-01-01',
                                                     'to': '2020-01-01', 'employer': '某公司'},
    ('POST', '/api/v1/persons/{id}/diplomas'): {'education': 'technical_school', 'date': '2012-07-01',
                                                 'major': '电气'},
    ('POST', '/api/v1/persons/{id}/titles'): {'title': '工程师', 'date': '2018-01-01', 'level': 4},
    ('POST', '/api/v1/eligibility/check'): {'occupation_code': '6-31-01-03', 'level': 4, 'template': '2023',
                                            'option': '2023-4-a', 'exam_date': '2026-12-20', 'person_id': 1},
    ('POST', '/api/v1/plans'): {'title': '电工 4级 认定计划', 'occupation_code': '6-31-01-03', 'level': 4,
                                'template': '2023', 'reg_start': '2026-12-03', 'reg_end': '2026-12-13',
                                'exam_date': '2026-12-23', 'capacity': 3, 'subjects': ['theory', 'practical']},
    ('POST', '/api/v1/plans/{id}/status'): {'status': 'filed', 'reason': '考场安排不全，请补充'},
    ('POST', '/api/v1/plans/{id}/registrations'): {'person_id': 1, 'option': '2023-4-a', 'declared': True},
    ('POST', '/api/v1/registrations/{id}/review'): {'decision': 'approve', 'out_of_turn': True, 'reason': '大赛'},
    ('PUT', '/api/v1/plans/{id}/practical'): {'criteria': [{'name': '接线', 'points': 40}, {'name': '调试', 'points': 60}],
                                              'examiners': [8, 8, 8]},
    ('POST', '/api/v1/plans/{id}/practical/scores'): {'registration_id': 1, 'scores': [30, 20]},
    ('PUT', '/api/v1/plans/{id}/review'): {'criteria': [{'name': '论文', 'points': 100}], 'examiners': [8, 8, 8]},
    ('POST', '/api/v1/plans/{id}/review/scores'): {'registration_id': 1, 'scores': [30, 40]},
    ('POST', '/api/v1/plans/{id}/objections'): {'result_id': 1, 'text': '该考生实际未到场参加技能考核', 'contact': '匿名'},
    ('POST', '/api/v1/objections/{id}/resolve'): {'resolution': 'upheld', 'note': '已核实'},
    ('POST', '/api/v1/users/{id}/avoidances'): {'person_id': 1, 'reason': '考生为其亲属'},
    ('POST', '/api/v1/items'): {'occupation_code': '6-31-01-03', 'level': 4, 'kind': 'single', 'area': 'A',
                                'knowledge_code': 'A-1', 'stem': '安全电压的上限是多少？',
                                'options': ['12V', '24V', '36V', '48V'], 'answer': 'C', 'points': 2},
    ('PUT', '/api/v1/items/{id}'): {'stem': '判断题', 'kind': 'judge', 'answer': 'T', 'points': 1},
    ('PUT', '/api/v1/blueprints'): {'occupation_code': '6-31-01-03', 'level': 4,
                                    'cells': [{'area': 'A', 'kind': 'single', 'count': 3}]},
    ('POST', '/api/v1/plans/{id}/sittings'): {'room': '考场', 'minutes': 120, 'starts_at': 1797901200},
    ('POST', '/api/v1/sittings/{id}/admit'): {'registration_id': 1},
    ('PUT', '/api/v1/attempts/{id}/answers/{pos}'): {'answer': 'A', 'seq': 1},
    ('POST', '/api/v1/attempts/{id}/focus'): {'lost': 1},
    ('POST', '/api/v1/attempts/{id}/invigilate'): {'action': 'extra_time', 'minutes': 10, 'reason': '停电'},
    ('POST', '/api/v1/results'): {'person_id': 1, 'occupation_code': '6-31-01-03', 'level': 4,
                                  'exam_date': '2026-10-18', 'theory': 90, 'practical': 90},
    ('POST', '/api/v1/certificates'): {'result_ids': [1, 2]},
    ('POST', '/api/v1/certificates/{number}/revoke'): {'reason': '弄虚作假'},
    ('POST', '/api/v1/certificates/{number}/reissue'): {'reason': '遗失'},
    ('PUT', '/api/v1/sittings/{id}/invigilators'): {'invigilators': [8]},
    ('POST', '/api/v1/collusion-flags/{id}/review'): {'decision': 'confirmed', 'note': '核查'},
}
QUERIES = {
    '/api/v1/regions': '?parent=370000', '/api/v1/occupations': '?name=%E7%94%B5%E5%B7%A5&level=4',
    '/api/v1/institutions': '?name=%E6%B5%8E%E5%8D%97&region_code=370100&type=employer&page=1&page_size=5',
    '/api/v1/persons': '?name=%E5%BC%A0&id_number=370102&phone=138&page_size=50',
    '/api/v1/plans': '?status=open&occupation_code=6-31-01-03&institution_id=2',
    '/api/v1/users': '?role=examiner', '/api/v1/calendar/workdays': '?from=2026-01-01&to=2026-02-01&days=5',
    '/api/v1/registrations': '?status=approved&plan_id=1', '/api/v1/items': '?occupation_code=6-31-01-03&level=4',
    '/api/v1/blueprints': '?occupation_code=6-31-01-03&level=4', '/api/v1/results': '?person_id=1&level=4',
    '/api/v1/certificates': '?number=S00003700000&format=csv', '/api/v1/audit': '?entity=plan&entity_id=1&actor=1',
    '/api/v1/collusion-flags': '?sitting_id=1&pending=1', '/api/v1/stats/overview': '?region_code=370100',
    '/api/v1/eligibility/options': '?occupation_code=6-31-01-03&level=4&template=2023',
}
def write(d, name, role, method, target, body=None, headers=()):
    text = f'{method} {target}\n' + ''.join(h + '\n' for h in headers) + '\n'
    data = bytes([ord('0') + ROLES[role], ord('a')]) + text.encode()
    if body is not None:
        data += json.dumps(body, ensure_ascii=False).encode()
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def main():
    d = 'tests/fuzz/corpus/http'
    os.makedirs(d, exist_ok=True)
    table = json.loads(subprocess.check_output([os.environ.get('JINENG_BIN', 'build/jineng'), 'routes', '--json']))
    n = 0
    for rt in table:
        method, pat = rt['method'], rt['path']
        path = re.sub(r'\{(\w+)\}', lambda g: IDS[g.group(1)], pat)
        target = path + (QUERIES.get(pat, '') if method == 'GET' else '')
        body = BODIES.get((method, pat))
        roles = [('anon' if r == 'public' else r) for r in rt['roles']]
        for role in roles[:2] + ([] if 'anon' in roles[:2] else ['anon']):
            write(d, f'seed-{n:03d}', role, method, target, body,
                  ('Content-Type: application/json', 'Accept-Language: en') if body else ())
            n += 1
    write(d, f'seed-{n:03d}', 'anon', 'GET', f'/v/{CERT}'); n += 1
    write(d, f'seed-{n:03d}', 'anon', 'GET', '/index.html'); n += 1
    write(d, f'seed-{n:03d}', 'anon', 'GET', '/api/v1/regions?parent=' + 'a' * 170); n += 1
    csv = '姓名,证件号码,报考条件\n张三,370102199001011234,2023-4-a\n'
    with open(os.path.join(d, f'seed-{n:03d}'), 'wb') as f:
        f.write(b'4a' + b'POST /api/v1/plans/1/registrations/import?all_or_nothing=1\nContent-Type: text/csv\n\n' + csv.encode())
    n += 1
    csv = 'occupation_code,level,kind,area,stem,A,B,C,D,answer,points\n6-31-01-03,4,single,A,题干,甲,乙,丙,丁,A,2\n'
    with open(os.path.join(d, f'seed-{n:03d}'), 'wb') as f:
        f.write(b'3a' + b'POST /api/v1/items/import?institution_id=2\nContent-Type: text/csv\n\n' + csv.encode())
    n += 1
    print(f'{n} seeds in {d}')


main()
