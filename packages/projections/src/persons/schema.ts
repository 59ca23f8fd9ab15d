/** Each pseudonym's person (a connected component of distributions sharing pseudonyms), and each person's counted distributions. */
export const PERSONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS pseudonym_persons (
  pseudonym TEXT PRIMARY KEY,
  person_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pseudonym_persons_by_person ON pseudonym_persons (person_id);
CREATE TABLE IF NOT EXISTS persons (
  person_id     TEXT PRIMARY KEY,
  distributions INTEGER NOT NULL
) WITHOUT ROWID;
`;
