//! The story bank: the candidate's named stories, and which principles each
//! was told for (from the story tags on asked questions).

use crate::error::StoreError;
use crate::rounds::parse_principle;
use crate::store::Store;
use br_session::{Story, StoryUse};
use rusqlite::{params, ErrorCode, OptionalExtension};

impl Store {
    /// Adds a story; names are unique regardless of case.
    pub fn add_story(
        &mut self,
        name: &str,
        notes: &str,
        created_at_ms: i64,
    ) -> Result<Story, StoreError> {
        self.conn
            .execute(
                "INSERT INTO stories (name, notes, created_at_ms) VALUES (?1, ?2, ?3)",
                params![name, notes, created_at_ms],
            )
            .map_err(|e| duplicate_name(e, name))?;
        Ok(Story {
            id: self.conn.last_insert_rowid(),
            name: name.to_string(),
            notes: notes.to_string(),
        })
    }

    /// Renames a story or changes its notes.
    pub fn update_story(&mut self, id: i64, name: &str, notes: &str) -> Result<Story, StoreError> {
        let n = self
            .conn
            .execute(
                "UPDATE stories SET name = ?2, notes = ?3 WHERE id = ?1",
                params![id, name, notes],
            )
            .map_err(|e| duplicate_name(e, name))?;
        if n == 0 {
            return Err(StoreError::StoryNotFound(id));
        }
        Ok(Story {
            id,
            name: name.to_string(),
            notes: notes.to_string(),
        })
    }

    /// Deletes a story; questions tagged with it become untagged.
    pub fn delete_story(&mut self, id: i64) -> Result<(), StoreError> {
        if self
            .conn
            .execute("DELETE FROM stories WHERE id = ?1", [id])?
            == 0
        {
            return Err(StoreError::StoryNotFound(id));
        }
        Ok(())
    }

    pub fn story(&self, id: i64) -> Result<Story, StoreError> {
        self.conn
            .query_row(
                "SELECT id, name, notes FROM stories WHERE id = ?1",
                [id],
                |row| {
                    Ok(Story {
                        id: row.get(0)?,
                        name: row.get(1)?,
                        notes: row.get(2)?,
                    })
                },
            )
            .optional()?
            .ok_or(StoreError::StoryNotFound(id))
    }

    /// Every story, in the order they were added.
    pub fn stories(&self) -> Result<Vec<Story>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, notes FROM stories ORDER BY id")?;
        let stories = stmt
            .query_map([], |row| {
                Ok(Story {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    notes: row.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(stories)
    }

    /// Every question tagged with a story, with the score of its latest main
    /// answer.
    pub fn story_uses(&self) -> Result<Vec<StoryUse>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT q.story_id, q.round_id, q.principle, a.score FROM round_questions q
             LEFT JOIN effective_turns e ON e.round_id = q.round_id AND e.question_idx = q.idx AND e.depth = 0
             LEFT JOIN analyses a ON a.turn_id = e.id
             WHERE q.story_id IS NOT NULL ORDER BY q.round_id, q.idx",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let round_id: i64 = row.get(1)?;
            out.push(StoryUse {
                story_id: row.get(0)?,
                round_id,
                principle: parse_principle(round_id, &row.get::<_, String>(2)?)?,
                score: row.get(3)?,
            });
        }
        Ok(out)
    }
}

fn duplicate_name(err: rusqlite::Error, name: &str) -> StoreError {
    match err.sqlite_error_code() {
        Some(ErrorCode::ConstraintViolation) => StoreError::DuplicateStory(name.to_string()),
        _ => StoreError::Sqlite(err),
    }
}
