-- A TOTP code stays valid for its whole window (±1 step of 30 s), so someone who saw it
-- could replay it. Remember the last time-step each user signed in with and accept only
-- later ones (RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt of the OTP").
ALTER TABLE users ADD COLUMN totp_last_step bigint;
