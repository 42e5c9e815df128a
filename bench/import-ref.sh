# import_reference CSV DB: the import benchmarks' reference (issue 18 item 7): the sqlite3 shell's own `.import`
# of the persons CSV into a table of the same shape as far as the file goes (name, ID number, phone, region, an
# employer column left empty), followed by the same four CREATE INDEX as the persons table (migration 001:
# unique on the ID number, region, employer and phone, the last two partial). No validation, no sealing, no
# blind indexes: the cost of getting the rows and the four indexes into SQLite, the fastest way SQLite has.
import_reference() {
  local csv=$1 db=$2
  rm -f "$db" "$db"-wal "$db"-shm
  sqlite3 "$db" \
    "CREATE TABLE persons_raw (name TEXT NOT NULL, id_number TEXT NOT NULL, phone TEXT, region_code TEXT)" \
    ".import --csv --skip 1 $csv persons_raw" \
    "ALTER TABLE persons_raw ADD COLUMN employer_id INTEGER" \
    "CREATE UNIQUE INDEX raw_id ON persons_raw(id_number)" \
    "CREATE INDEX raw_region ON persons_raw(region_code)" \
    "CREATE INDEX raw_employer ON persons_raw(employer_id) WHERE employer_id IS NOT NULL" \
    "CREATE INDEX raw_phone ON persons_raw(phone) WHERE phone IS NOT NULL"
}
