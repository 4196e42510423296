//! What the Start screen offers: principles, roles, the question bank's
//! size per principle and the limits of a round, straight from `br_core` and
//! `br_session`; and the principle and role names as TypeScript unions.

use br_core::{Principle, Role};
use serde::{Deserialize, Serialize};
use specta::Type;

/// A Leadership Principle's slug, what commands take and return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub enum PrincipleSlug {
    #[serde(rename = "customer-obsession")]
    CustomerObsession,
    #[serde(rename = "ownership")]
    Ownership,
    #[serde(rename = "invent-and-simplify")]
    InventAndSimplify,
    #[serde(rename = "are-right-a-lot")]
    AreRightALot,
    #[serde(rename = "learn-and-be-curious")]
    LearnAndBeCurious,
    #[serde(rename = "hire-and-develop-the-best")]
    HireAndDevelopTheBest,
    #[serde(rename = "insist-on-the-highest-standards")]
    InsistOnTheHighestStandards,
    #[serde(rename = "think-big")]
    ThinkBig,
    #[serde(rename = "bias-for-action")]
    BiasForAction,
    #[serde(rename = "frugality")]
    Frugality,
    #[serde(rename = "earn-trust")]
    EarnTrust,
    #[serde(rename = "dive-deep")]
    DiveDeep,
    #[serde(rename = "have-backbone")]
    HaveBackbone,
    #[serde(rename = "deliver-results")]
    DeliverResults,
    #[serde(rename = "best-employer")]
    StriveToBeEarthsBestEmployer,
    #[serde(rename = "success-and-scale")]
    SuccessAndScale,
}

impl From<Principle> for PrincipleSlug {
    fn from(p: Principle) -> Self {
        use PrincipleSlug as S;
        match p {
            Principle::CustomerObsession => S::CustomerObsession,
            Principle::Ownership => S::Ownership,
            Principle::InventAndSimplify => S::InventAndSimplify,
            Principle::AreRightALot => S::AreRightALot,
            Principle::LearnAndBeCurious => S::LearnAndBeCurious,
            Principle::HireAndDevelopTheBest => S::HireAndDevelopTheBest,
            Principle::InsistOnTheHighestStandards => S::InsistOnTheHighestStandards,
            Principle::ThinkBig => S::ThinkBig,
            Principle::BiasForAction => S::BiasForAction,
            Principle::Frugality => S::Frugality,
            Principle::EarnTrust => S::EarnTrust,
            Principle::DiveDeep => S::DiveDeep,
            Principle::HaveBackbone => S::HaveBackbone,
            Principle::DeliverResults => S::DeliverResults,
            Principle::StriveToBeEarthsBestEmployer => S::StriveToBeEarthsBestEmployer,
            Principle::SuccessAndScale => S::SuccessAndScale,
        }
    }
}

impl From<PrincipleSlug> for Principle {
    fn from(slug: PrincipleSlug) -> Self {
        named_by(&Principle::ALL, slug)
    }
}

/// A role's slug, what commands take and return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub enum RoleSlug {
    #[serde(rename = "pm")]
    Pm,
    #[serde(rename = "pm-t")]
    PmT,
    #[serde(rename = "tpm")]
    Tpm,
    #[serde(rename = "project-manager")]
    ProjectManager,
}

impl From<RoleSlug> for Role {
    fn from(slug: RoleSlug) -> Self {
        named_by(&Role::ALL, slug)
    }
}

impl From<Role> for RoleSlug {
    fn from(role: Role) -> Self {
        match role {
            Role::Pm => RoleSlug::Pm,
            Role::PmT => RoleSlug::PmT,
            Role::Tpm => RoleSlug::Tpm,
            Role::ProjectManager => RoleSlug::ProjectManager,
        }
    }
}

/// The one of `all` that `slug` names; the `From` matches above give every
/// core value a slug, so every slug names one.
fn named_by<C: Copy, S: PartialEq + From<C>>(all: &[C], slug: S) -> C {
    let named = all.iter().copied().find(|&value| S::from(value) == slug);
    named.expect("every slug names a core value")
}

/// The limits of a round, as the engine enforces them.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RoundLimits {
    /// Main questions a round may have: 1 to this.
    pub max_questions: u32,
    /// Main questions unless the candidate asks for another number.
    pub default_questions: u32,
    /// Follow-ups the drill-down may ask below one main question.
    pub max_followups: u32,
}

impl RoundLimits {
    pub fn engine() -> RoundLimits {
        let n = |value: usize| u32::try_from(value).unwrap_or(u32::MAX);
        RoundLimits {
            max_questions: n(br_session::RoundConfig::MAX_QUESTIONS),
            default_questions: n(br_session::RoundConfig::DEFAULT_QUESTIONS),
            max_followups: n(br_core::followup::MAX_DEPTH),
        }
    }
}

/// A Leadership Principle as the UI lists it: the slug is what commands take.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct PrincipleInfo {
    pub slug: PrincipleSlug,
    pub name: String,
    /// How many built-in questions ask for it.
    pub n_questions: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct RoleInfo {
    pub slug: RoleSlug,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Catalog {
    pub principles: Vec<PrincipleInfo>,
    pub roles: Vec<RoleInfo>,
    pub limits: RoundLimits,
}

impl Catalog {
    pub fn from_bank(bank: &br_core::QuestionBank) -> Catalog {
        Catalog {
            principles: br_core::Principle::ALL
                .iter()
                .map(|p| PrincipleInfo {
                    slug: (*p).into(),
                    name: p.name().to_string(),
                    n_questions: u32::try_from(bank.filter(&[*p], None).len()).unwrap_or(u32::MAX),
                })
                .collect(),
            roles: br_core::Role::ALL
                .iter()
                .map(|r| RoleInfo {
                    slug: (*r).into(),
                    name: r.name().to_string(),
                })
                .collect(),
            limits: RoundLimits::engine(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The unions the UI sees spell every principle and role as its slug,
    /// the spelling commands and the CLI share.
    #[test]
    fn slugs_serialize_as_the_core_spells_them() {
        for p in Principle::ALL {
            let json = serde_json::to_value(PrincipleSlug::from(p)).unwrap();
            assert_eq!(json, p.slug(), "{p:?}");
            assert_eq!(Principle::from(PrincipleSlug::from(p)), p);
        }
        for r in Role::ALL {
            let json = serde_json::to_value(RoleSlug::from(r)).unwrap();
            assert_eq!(json, r.slug(), "{r:?}");
            assert_eq!(Role::from(RoleSlug::from(r)), r);
        }
    }
}
