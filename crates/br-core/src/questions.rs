//! The question bank: behavioral questions tagged by Leadership Principle and
//! role.
//!
//! The built-in bank is a TOML data file compiled into the binary
//! (`data/questions.toml`), so the app works offline and the questions can be
//! reviewed without reading Rust. Candidates may add their own files in the
//! same format; the caller reads them and hands the text to
//! [`QuestionBank::add_toml`], keeping this module free of I/O.

use crate::principle::{Principle, Role};
use serde::{Deserialize, Serialize};
use std::fmt;

const BUILTIN_TOML: &str = include_str!("../data/questions.toml");

/// One interview question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable identifier; history refers to questions by it.
    pub id: String,
    pub text: String,
    pub principles: Vec<Principle>,
    pub roles: Vec<Role>,
}

impl Question {
    pub fn suits(&self, principles: &[Principle], role: Option<Role>) -> bool {
        let principle_ok =
            principles.is_empty() || self.principles.iter().any(|p| principles.contains(p));
        let role_ok = role.is_none_or(|r| self.roles.contains(&r));
        principle_ok && role_ok
    }
}

/// An ordered set of questions with unique ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionBank {
    questions: Vec<Question>,
}

/// Why a question file was rejected; `Display` says where and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionFileError {
    /// The text is not valid TOML or lacks the `[[question]]` structure.
    Syntax(String),
    /// A field holds a value the bank does not know.
    InvalidField { id: String, message: String },
    /// Two questions share an id.
    DuplicateId(String),
}

impl fmt::Display for QuestionFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuestionFileError::Syntax(msg) => write!(
                f,
                "not a question file ({msg}); each question is a [[question]] table with id, text, principles and roles"
            ),
            QuestionFileError::InvalidField { id, message } => {
                write!(f, "question \"{id}\": {message}")
            }
            QuestionFileError::DuplicateId(id) => {
                write!(f, "question id \"{id}\" is used twice; give each question its own id")
            }
        }
    }
}

impl std::error::Error for QuestionFileError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionFile {
    #[serde(default)]
    question: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    text: String,
    principles: Vec<String>,
    /// Omitted means the question suits every role.
    roles: Option<Vec<String>>,
}

impl QuestionBank {
    /// The bank compiled into the app.
    pub fn builtin() -> QuestionBank {
        let mut bank = QuestionBank {
            questions: Vec::new(),
        };
        bank.add_toml(BUILTIN_TOML)
            .expect("the built-in question bank is valid");
        bank
    }

    /// Parses a question file and appends its questions. Nothing is added
    /// when any question in the file is invalid.
    pub fn add_toml(&mut self, source: &str) -> Result<usize, QuestionFileError> {
        let file: QuestionFile = toml::from_str(source)
            .map_err(|e| QuestionFileError::Syntax(e.message().to_string()))?;
        let mut parsed = Vec::with_capacity(file.question.len());
        for raw in file.question {
            let question = raw.into_question()?;
            let clash = self
                .questions
                .iter()
                .chain(&parsed)
                .any(|q: &Question| q.id == question.id);
            if clash {
                return Err(QuestionFileError::DuplicateId(question.id));
            }
            parsed.push(question);
        }
        let n_added = parsed.len();
        self.questions.extend(parsed);
        Ok(n_added)
    }

    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    pub fn get(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Questions for any of `principles` (all when empty) that suit `role`
    /// (all roles when `None`), in bank order.
    pub fn filter(&self, principles: &[Principle], role: Option<Role>) -> Vec<&Question> {
        self.questions
            .iter()
            .filter(|q| q.suits(principles, role))
            .collect()
    }
}

impl RawQuestion {
    fn into_question(self) -> Result<Question, QuestionFileError> {
        let invalid = |message: String| QuestionFileError::InvalidField {
            id: self.id.clone(),
            message,
        };
        if self.id.trim().is_empty() {
            return Err(QuestionFileError::Syntax(
                "a question has an empty id".into(),
            ));
        }
        if self.text.trim().is_empty() {
            return Err(invalid("the text is empty".into()));
        }
        if self.principles.is_empty() {
            return Err(invalid("name at least one principle".into()));
        }
        let principles = self
            .principles
            .iter()
            .map(|p| {
                Principle::parse(p).ok_or_else(|| invalid(format!("unknown principle \"{p}\"")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let roles = match &self.roles {
            None => Role::ALL.to_vec(),
            Some(roles) => roles
                .iter()
                .map(|r| {
                    Role::parse(r).ok_or_else(|| {
                        invalid(format!(
                            "unknown role \"{r}\" (use pm, pm-t, tpm or project-manager)"
                        ))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
        };
        Ok(Question {
            id: self.id.trim().to_string(),
            text: self.text.trim().to_string(),
            principles,
            roles,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_bank_has_three_questions_for_every_principle() {
        let bank = QuestionBank::builtin();
        for p in Principle::ALL {
            let n = bank.filter(&[p], None).len();
            assert!(n >= 3, "{p} has only {n} questions");
        }
    }

    #[test]
    fn builtin_bank_serves_every_role() {
        let bank = QuestionBank::builtin();
        for r in Role::ALL {
            assert!(
                bank.filter(&[], Some(r)).len() >= 16,
                "{r} has too few questions"
            );
        }
    }

    #[test]
    fn filter_combines_principle_and_role() {
        let bank = QuestionBank::builtin();
        let picked = bank.filter(&[Principle::DiveDeep], Some(Role::Pm));
        assert!(!picked.is_empty());
        assert!(picked
            .iter()
            .all(|q| q.principles.contains(&Principle::DiveDeep) && q.roles.contains(&Role::Pm)));
    }

    #[test]
    fn user_file_adds_questions_and_defaults_to_every_role() {
        let mut bank = QuestionBank::builtin();
        let before = bank.questions().len();
        let added = bank
            .add_toml("[[question]]\nid = \"mine-1\"\ntext = \"Tell me about a launch.\"\nprinciples = [\"Deliver Results\"]\n")
            .unwrap();
        assert_eq!(added, 1);
        assert_eq!(bank.questions().len(), before + 1);
        assert_eq!(bank.get("mine-1").unwrap().roles, Role::ALL.to_vec());
    }

    #[test]
    fn user_file_with_unknown_principle_adds_nothing() {
        let mut bank = QuestionBank::builtin();
        let before = bank.questions().len();
        let src = "[[question]]\nid = \"a\"\ntext = \"t\"\nprinciples = [\"ownership\"]\n\n[[question]]\nid = \"b\"\ntext = \"t\"\nprinciples = [\"Be Nice\"]\n";
        let err = bank.add_toml(src).unwrap_err();
        assert!(err.to_string().contains("Be Nice"), "{err}");
        assert_eq!(bank.questions().len(), before);
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let mut bank = QuestionBank::builtin();
        let src = "[[question]]\nid = \"co-1\"\ntext = \"t\"\nprinciples = [\"ownership\"]\n";
        assert_eq!(
            bank.add_toml(src),
            Err(QuestionFileError::DuplicateId("co-1".into()))
        );
    }

    #[test]
    fn garbage_is_a_syntax_error() {
        let mut bank = QuestionBank::builtin();
        assert!(matches!(
            bank.add_toml("this is { not toml"),
            Err(QuestionFileError::Syntax(_))
        ));
    }
}
