-- Secondary indexes that only queries need (ingest never reads them).
-- A bulk load into an empty database drops them and builds them once at the
-- end (a sort instead of a million random inserts); `Store::open` runs this
-- file every time, so an interrupted bulk load gets them back.
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS article_entities_entity ON article_entities(entity_id);
CREATE INDEX IF NOT EXISTS attributions_speaker ON attributions(speaker_entity, published);
CREATE INDEX IF NOT EXISTS attributions_published ON attributions(published);
