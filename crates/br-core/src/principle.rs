//! The 16 Amazon Leadership Principles and the roles candidates practise for.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One of Amazon's 16 Leadership Principles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Principle {
    CustomerObsession,
    Ownership,
    InventAndSimplify,
    AreRightALot,
    LearnAndBeCurious,
    HireAndDevelopTheBest,
    InsistOnTheHighestStandards,
    ThinkBig,
    BiasForAction,
    Frugality,
    EarnTrust,
    DiveDeep,
    HaveBackbone,
    DeliverResults,
    StriveToBeEarthsBestEmployer,
    SuccessAndScale,
}

impl Principle {
    pub const ALL: [Principle; 16] = [
        Principle::CustomerObsession,
        Principle::Ownership,
        Principle::InventAndSimplify,
        Principle::AreRightALot,
        Principle::LearnAndBeCurious,
        Principle::HireAndDevelopTheBest,
        Principle::InsistOnTheHighestStandards,
        Principle::ThinkBig,
        Principle::BiasForAction,
        Principle::Frugality,
        Principle::EarnTrust,
        Principle::DiveDeep,
        Principle::HaveBackbone,
        Principle::DeliverResults,
        Principle::StriveToBeEarthsBestEmployer,
        Principle::SuccessAndScale,
    ];

    /// The principle's official name.
    pub fn name(self) -> &'static str {
        match self {
            Principle::CustomerObsession => "Customer Obsession",
            Principle::Ownership => "Ownership",
            Principle::InventAndSimplify => "Invent and Simplify",
            Principle::AreRightALot => "Are Right, A Lot",
            Principle::LearnAndBeCurious => "Learn and Be Curious",
            Principle::HireAndDevelopTheBest => "Hire and Develop the Best",
            Principle::InsistOnTheHighestStandards => "Insist on the Highest Standards",
            Principle::ThinkBig => "Think Big",
            Principle::BiasForAction => "Bias for Action",
            Principle::Frugality => "Frugality",
            Principle::EarnTrust => "Earn Trust",
            Principle::DiveDeep => "Dive Deep",
            Principle::HaveBackbone => "Have Backbone; Disagree and Commit",
            Principle::DeliverResults => "Deliver Results",
            Principle::StriveToBeEarthsBestEmployer => "Strive to be Earth's Best Employer",
            Principle::SuccessAndScale => "Success and Scale Bring Broad Responsibility",
        }
    }

    /// The short identifier used on the command line and in data files.
    pub fn slug(self) -> &'static str {
        match self {
            Principle::CustomerObsession => "customer-obsession",
            Principle::Ownership => "ownership",
            Principle::InventAndSimplify => "invent-and-simplify",
            Principle::AreRightALot => "are-right-a-lot",
            Principle::LearnAndBeCurious => "learn-and-be-curious",
            Principle::HireAndDevelopTheBest => "hire-and-develop-the-best",
            Principle::InsistOnTheHighestStandards => "insist-on-the-highest-standards",
            Principle::ThinkBig => "think-big",
            Principle::BiasForAction => "bias-for-action",
            Principle::Frugality => "frugality",
            Principle::EarnTrust => "earn-trust",
            Principle::DiveDeep => "dive-deep",
            Principle::HaveBackbone => "have-backbone",
            Principle::DeliverResults => "deliver-results",
            Principle::StriveToBeEarthsBestEmployer => "best-employer",
            Principle::SuccessAndScale => "success-and-scale",
        }
    }

    /// Parses a principle from its slug, its name, or any spelling that
    /// differs only in case, punctuation and spacing ("Dive Deep",
    /// "dive_deep", "Are Right A Lot", "disagree and commit").
    pub fn parse(input: &str) -> Option<Principle> {
        let key = normalize(input);
        if key.is_empty() {
            return None;
        }
        Principle::ALL.into_iter().find(|p| {
            normalize(p.slug()) == key
                || normalize(p.name()) == key
                || p.aliases().iter().any(|a| normalize(a) == key)
        })
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Principle::HaveBackbone => &["Disagree and Commit", "Have Backbone"],
            Principle::StriveToBeEarthsBestEmployer => &["Earth's Best Employer", "Best Employer"],
            Principle::SuccessAndScale => &["Broad Responsibility", "Success and Scale"],
            Principle::InsistOnTheHighestStandards => &["Highest Standards"],
            Principle::HireAndDevelopTheBest => &["Hire and Develop"],
            _ => &[],
        }
    }
}

impl fmt::Display for Principle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The role a candidate is interviewing for; questions are tagged with the
/// roles they suit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Product Manager.
    Pm,
    /// Product Manager - Technical.
    PmT,
    /// Technical Program Manager or Program Manager.
    Tpm,
    /// Project Manager.
    ProjectManager,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Pm, Role::PmT, Role::Tpm, Role::ProjectManager];

    pub fn name(self) -> &'static str {
        match self {
            Role::Pm => "Product Manager",
            Role::PmT => "Product Manager - Technical",
            Role::Tpm => "Program / Technical Program Manager",
            Role::ProjectManager => "Project Manager",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Role::Pm => "pm",
            Role::PmT => "pm-t",
            Role::Tpm => "tpm",
            Role::ProjectManager => "project-manager",
        }
    }

    /// Parses "pm", "PM-T", "pmt", "tpm", "program", "project manager", ...
    pub fn parse(input: &str) -> Option<Role> {
        match normalize(input).as_str() {
            "pm" | "productmanager" => Some(Role::Pm),
            "pmt" | "productmanagertechnical" | "technicalproductmanager" => Some(Role::PmT),
            "tpm" | "program" | "programmanager" | "technicalprogrammanager" => Some(Role::Tpm),
            "projectmanager" | "project" | "prjm" => Some(Role::ProjectManager),
            _ => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Lowercase ASCII letters and digits only, so that spellings that differ in
/// case, punctuation, apostrophes or spacing compare equal.
fn normalize(input: &str) -> String {
    input
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_principle_parses_from_its_name_and_slug() {
        for p in Principle::ALL {
            assert_eq!(Principle::parse(p.name()), Some(p));
            assert_eq!(Principle::parse(p.slug()), Some(p));
        }
    }

    #[test]
    fn principle_parse_ignores_case_and_punctuation() {
        assert_eq!(
            Principle::parse("are right a lot"),
            Some(Principle::AreRightALot)
        );
        assert_eq!(Principle::parse("DIVE_DEEP"), Some(Principle::DiveDeep));
        assert_eq!(
            Principle::parse("Disagree and Commit"),
            Some(Principle::HaveBackbone)
        );
        assert_eq!(Principle::parse("nonsense"), None);
        assert_eq!(Principle::parse(""), None);
    }

    #[test]
    fn roles_parse_from_common_spellings() {
        assert_eq!(Role::parse("PM-T"), Some(Role::PmT));
        assert_eq!(Role::parse("Program Manager"), Some(Role::Tpm));
        assert_eq!(Role::parse("project manager"), Some(Role::ProjectManager));
        for r in Role::ALL {
            assert_eq!(Role::parse(r.slug()), Some(r));
        }
    }
}
