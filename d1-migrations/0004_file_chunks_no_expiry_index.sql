-- Chunk rows are found by their parent (the primary key's first column) both when read and
-- when maintenance deletes an expired parent's chunks (cron/maintenance.js), so nothing reads
-- them by expiry. An index on expires_at cost one more row written for every chunk inserted
-- and one more for every chunk deleted: D1 counts each index entry as a row written, and rows
-- written are the first of the free plan's daily limits a day of conversions reaches.
DROP INDEX idx_file_chunks_expires_at;
