//! What the Start screen offers: principles, roles and the question bank's
//! size per principle, straight from `br_core`.

use serde::{Deserialize, Serialize};
use specta::Type;

/// A Leadership Principle as the UI lists it: the slug is what commands take.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct PrincipleInfo {
    pub slug: String,
    pub name: String,
    /// How many built-in questions ask for it.
    pub n_questions: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct RoleInfo {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Catalog {
    pub principles: Vec<PrincipleInfo>,
    pub roles: Vec<RoleInfo>,
}

impl Catalog {
    pub fn from_bank(bank: &br_core::QuestionBank) -> Catalog {
        Catalog {
            principles: br_core::Principle::ALL
                .iter()
                .map(|p| PrincipleInfo {
                    slug: p.slug().to_string(),
                    name: p.name().to_string(),
                    n_questions: u32::try_from(bank.filter(&[*p], None).len()).unwrap_or(u32::MAX),
                })
                .collect(),
            roles: br_core::Role::ALL
                .iter()
                .map(|r| RoleInfo {
                    slug: r.slug().to_string(),
                    name: r.name().to_string(),
                })
                .collect(),
        }
    }
}
