-- 069: an attempt's shape beside its paper, for the check of every exam save (issue 25, docs/DOMAIN.md 自动保存).
-- A save is refused when its question does not exist or its answer names an option the question does not have;
-- both facts were read from the paper (JSON, [{item, order}]) by the database's JSON functions on every save, and
-- on PostgreSQL the batch's statement parsed the paper once per save (a third of the committer's time). The shape
-- holds them directly: one character per question, '0' plus the number of its options ("4442" is four questions,
-- the last with two options), written with the paper at check-in and never changed after it. Attempts admitted
-- before this migration have none and are still checked from their paper.
ALTER TABLE attempts ADD COLUMN shape TEXT;
