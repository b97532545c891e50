-- 010_eapp: requests through the Tokyo e-application service (東京都電子申請).
--
-- The service mails the desk what an applicant typed; such a case is filed
-- with channel 'eapp', its requester being the applicant (the service's
-- no-reply address stays on the message, never on the case).
ALTER TABLE cases DROP CONSTRAINT cases_channel_check;
ALTER TABLE cases ADD CONSTRAINT cases_channel_check CHECK (channel IN ('mail', 'fax', 'eapp'));
