-- 003: find a certificate's replacement without scanning (verification reads it on every look-up)
CREATE INDEX certificates_reissue ON certificates(reissue_of) WHERE reissue_of IS NOT NULL;
