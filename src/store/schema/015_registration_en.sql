-- 015: a registration's failed eligibility reason in English too (failed_message stays the Chinese one), so
-- the web UI's English mode can show it; registrations made before this migration have NULL here
ALTER TABLE registrations ADD COLUMN failed_message_en TEXT;
