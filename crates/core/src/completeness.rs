//! How complete a profile is (seed 000's `profile_Complete`), and what is missing.

use mentordesk_shared::profiles::{Completeness, ProfileFields};

/// Each item: a label shown when missing, whether it counts for this person, whether it is filled.
fn items(p: &ProfileFields, has_photo: bool, is_mentor: bool) -> Vec<(&'static str, bool)> {
    let mut items = vec![
        (
            "Your name",
            !p.first_name.is_empty() && !p.last_name.is_empty(),
        ),
        ("A photo", has_photo),
        ("A headline", !p.headline.is_empty()),
        ("A short bio", p.bio.chars().count() >= 40),
        ("Your time zone", !p.time_zone.is_empty()),
        (
            "Where you are (country and city)",
            !p.country.is_empty() && !p.city.is_empty(),
        ),
        (
            "Your job role",
            !p.job_roles.is_empty() || !p.position.is_empty(),
        ),
        ("Your experience level", p.experience_level.is_some()),
        (
            "How you like to communicate",
            !p.preferred_communication.is_empty(),
        ),
    ];
    if is_mentor {
        items.push(("Your areas of expertise", !p.expertise.is_empty()));
        items.push(("Your mentorship style", !p.mentorship_style.is_empty()));
        items.push(("How many mentees you can take", p.mentee_capacity.is_some()));
    } else {
        items.push(("Your interests", !p.interests.is_empty()));
        items.push(("Your goals", !p.goals.is_empty()));
    }
    items
}

pub fn assess(p: &ProfileFields, has_photo: bool, is_mentor: bool) -> Completeness {
    let items = items(p, has_photo, is_mentor);
    let done = items.iter().filter(|(_, filled)| *filled).count();
    let percent = ((done * 100) / items.len()) as u8;
    let missing: Vec<String> = items
        .iter()
        .filter(|(_, filled)| !filled)
        .map(|(label, _)| label.to_string())
        .collect();
    Completeness {
        percent,
        complete: missing.is_empty(),
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentordesk_shared::profiles::ExperienceLevel;

    #[test]
    fn an_empty_profile_lists_what_is_missing() {
        let c = assess(&ProfileFields::default(), false, false);
        assert_eq!(c.percent, 0);
        assert!(!c.complete);
        assert!(c.missing.contains(&"A photo".to_string()));
    }

    #[test]
    fn mentors_need_expertise_mentees_need_goals() {
        let mut p = ProfileFields {
            first_name: "A".into(),
            last_name: "B".into(),
            headline: "h".into(),
            bio: "x".repeat(40),
            time_zone: "UTC".into(),
            country: "UK".into(),
            city: "Leeds".into(),
            position: "Engineer".into(),
            experience_level: Some(ExperienceLevel::Advanced),
            preferred_communication: "Video".into(),
            interests: vec!["Rust".into()],
            goals: "Grow".into(),
            ..ProfileFields::default()
        };
        assert!(assess(&p, true, false).complete);
        let as_mentor = assess(&p, true, true);
        assert!(!as_mentor.complete);
        assert!(as_mentor
            .missing
            .contains(&"Your areas of expertise".to_string()));
        p.expertise = vec!["Rust".into()];
        p.mentorship_style = "Socratic".into();
        p.mentee_capacity = Some(3);
        assert_eq!(assess(&p, true, true).percent, 100);
    }
}
