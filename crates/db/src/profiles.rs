//! Profiles, the shared tag vocabulary, onboarding and the mentor directory.

use crate::{from_millis, internal, new_id, parse_uuid, to_millis, SqliteConnection};
use chrono::{DateTime, Utc};
use mentordesk_shared::accounts::OnboardingStatus;
use mentordesk_shared::ids::UserId;
use mentordesk_shared::profiles::{DirectoryQuery, ExperienceLevel, ProfileFields, TagKind};
use mentordesk_shared::ApiError;

#[derive(Debug, Clone)]
pub struct ProfileRecord {
    pub user_id: UserId,
    pub email: String,
    pub fields: ProfileFields,
    pub photo_file: Option<String>,
    pub onboarding_status: OnboardingStatus,
    pub onboarding_step: u8,
    pub onboarding_completed_at: Option<DateTime<Utc>>,
    pub member_since: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    user_id: String,
    email: String,
    created_at: i64,
    first_name: String,
    last_name: String,
    headline: String,
    bio: String,
    photo_file: Option<String>,
    country: String,
    city: String,
    time_zone: String,
    phone: String,
    website: String,
    github: String,
    linkedin: String,
    twitter: String,
    facebook: String,
    years_experience: Option<i64>,
    experience_level: Option<String>,
    department: String,
    position: String,
    organisation: String,
    mentorship_style: String,
    preferred_communication: String,
    mentee_capacity: Option<i64>,
    accepting_mentees: bool,
    supports_new_parents: bool,
    goals: String,
    onboarding_status: String,
    onboarding_step: i64,
    onboarding_completed_at: Option<i64>,
}

pub fn onboarding_key(status: OnboardingStatus) -> &'static str {
    match status {
        OnboardingStatus::NotStarted => "not_started",
        OnboardingStatus::InProgress => "in_progress",
        OnboardingStatus::Completed => "completed",
    }
}

fn onboarding_from(key: &str) -> OnboardingStatus {
    match key {
        "in_progress" => OnboardingStatus::InProgress,
        "completed" => OnboardingStatus::Completed,
        _ => OnboardingStatus::NotStarted,
    }
}

pub async fn insert_profile(
    conn: &mut SqliteConnection,
    user: UserId,
    first_name: &str,
    last_name: &str,
    time_zone: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO profiles (user_id, first_name, last_name, time_zone, updated_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(user.to_string())
    .bind(first_name)
    .bind(last_name)
    .bind(time_zone)
    .bind(to_millis(now))
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

pub async fn get_profile(
    conn: &mut SqliteConnection,
    user: UserId,
) -> Result<Option<ProfileRecord>, ApiError> {
    let row: Option<ProfileRow> = sqlx::query_as(
        "SELECT p.*, u.email, u.created_at FROM profiles p JOIN users u ON u.id = p.user_id WHERE p.user_id = ?",
    )
    .bind(user.to_string())
    .fetch_optional(&mut *conn)
    .await
    .map_err(internal)?;
    let Some(row) = row else { return Ok(None) };
    let tags = tags_of(&mut *conn, user).await?;
    let pick = |kind: TagKind| -> Vec<String> {
        tags.iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, n)| n.clone())
            .collect()
    };
    Ok(Some(ProfileRecord {
        user_id: UserId(parse_uuid(&row.user_id)),
        email: row.email,
        member_since: from_millis(row.created_at),
        photo_file: row.photo_file,
        onboarding_status: onboarding_from(&row.onboarding_status),
        onboarding_step: row.onboarding_step.clamp(0, 255) as u8,
        onboarding_completed_at: row.onboarding_completed_at.map(from_millis),
        fields: ProfileFields {
            first_name: row.first_name,
            last_name: row.last_name,
            headline: row.headline,
            bio: row.bio,
            country: row.country,
            city: row.city,
            time_zone: row.time_zone,
            phone: row.phone,
            website: row.website,
            github: row.github,
            linkedin: row.linkedin,
            twitter: row.twitter,
            facebook: row.facebook,
            expertise: pick(TagKind::Expertise),
            interests: pick(TagKind::Interest),
            proficiencies: pick(TagKind::Proficiency),
            job_roles: pick(TagKind::JobRole),
            years_experience: row.years_experience.map(|v| v as u32),
            experience_level: row
                .experience_level
                .as_deref()
                .and_then(ExperienceLevel::from_key),
            department: row.department,
            position: row.position,
            organisation: row.organisation,
            mentorship_style: row.mentorship_style,
            preferred_communication: row.preferred_communication,
            mentee_capacity: row.mentee_capacity.map(|v| v as u32),
            accepting_mentees: row.accepting_mentees,
            supports_new_parents: row.supports_new_parents,
            goals: row.goals,
        },
    }))
}

async fn tags_of(
    conn: &mut SqliteConnection,
    user: UserId,
) -> Result<Vec<(TagKind, String)>, ApiError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT pt.kind, t.name FROM profile_tags pt JOIN tags t ON t.id = pt.tag_id \
         WHERE pt.user_id = ? ORDER BY pt.kind, pt.position",
    )
    .bind(user.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows
        .into_iter()
        .filter_map(|(k, n)| TagKind::from_key(&k).map(|k| (k, n)))
        .collect())
}

/// Saves validated fields and replaces the profile's tags.
pub async fn update_profile(
    conn: &mut SqliteConnection,
    user: UserId,
    p: &ProfileFields,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE profiles SET first_name = ?, last_name = ?, headline = ?, bio = ?, country = ?, city = ?, \
         time_zone = ?, phone = ?, website = ?, github = ?, linkedin = ?, twitter = ?, facebook = ?, \
         years_experience = ?, experience_level = ?, department = ?, position = ?, organisation = ?, \
         mentorship_style = ?, preferred_communication = ?, mentee_capacity = ?, accepting_mentees = ?, \
         supports_new_parents = ?, goals = ?, updated_at = ? WHERE user_id = ?",
    )
    .bind(&p.first_name)
    .bind(&p.last_name)
    .bind(&p.headline)
    .bind(&p.bio)
    .bind(&p.country)
    .bind(&p.city)
    .bind(&p.time_zone)
    .bind(&p.phone)
    .bind(&p.website)
    .bind(&p.github)
    .bind(&p.linkedin)
    .bind(&p.twitter)
    .bind(&p.facebook)
    .bind(p.years_experience.map(i64::from))
    .bind(p.experience_level.map(|l| l.key()))
    .bind(&p.department)
    .bind(&p.position)
    .bind(&p.organisation)
    .bind(&p.mentorship_style)
    .bind(&p.preferred_communication)
    .bind(p.mentee_capacity.map(i64::from))
    .bind(p.accepting_mentees)
    .bind(p.supports_new_parents)
    .bind(&p.goals)
    .bind(to_millis(now))
    .bind(user.to_string())
    .execute(&mut *conn)
    .await
    .map_err(internal)?;
    sqlx::query("DELETE FROM profile_tags WHERE user_id = ?")
        .bind(user.to_string())
        .execute(&mut *conn)
        .await
        .map_err(internal)?;
    for (kind, list) in [
        (TagKind::Expertise, &p.expertise),
        (TagKind::Interest, &p.interests),
        (TagKind::Proficiency, &p.proficiencies),
        (TagKind::JobRole, &p.job_roles),
    ] {
        for (position, name) in list.iter().enumerate() {
            let tag_id = ensure_tag(&mut *conn, name, now).await?;
            sqlx::query(
                "INSERT INTO profile_tags (user_id, kind, tag_id, position) VALUES (?, ?, ?, ?)",
            )
            .bind(user.to_string())
            .bind(kind.key())
            .bind(tag_id)
            .bind(position as i64)
            .execute(&mut *conn)
            .await
            .map_err(internal)?;
        }
    }
    Ok(())
}

/// The vocabulary id for a tag name, adding it if new (matching ignores case).
pub async fn ensure_tag(
    conn: &mut SqliteConnection,
    name: &str,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let key = name.to_lowercase();
    sqlx::query(
        "INSERT INTO tags (id, name, name_key, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name_key) DO NOTHING",
    )
    .bind(new_id())
    .bind(name)
    .bind(&key)
    .bind(to_millis(now))
    .execute(&mut *conn)
    .await
    .map_err(internal)?;
    sqlx::query_scalar("SELECT id FROM tags WHERE name_key = ?")
        .bind(&key)
        .fetch_one(conn)
        .await
        .map_err(internal)
}

pub async fn list_tags(conn: &mut SqliteConnection) -> Result<Vec<String>, ApiError> {
    sqlx::query_scalar("SELECT name FROM tags ORDER BY name_key")
        .fetch_all(conn)
        .await
        .map_err(internal)
}

pub async fn set_photo(
    conn: &mut SqliteConnection,
    user: UserId,
    file: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query("UPDATE profiles SET photo_file = ?, updated_at = ? WHERE user_id = ?")
        .bind(file)
        .bind(to_millis(now))
        .bind(user.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}

pub async fn set_onboarding(
    conn: &mut SqliteConnection,
    user: UserId,
    status: OnboardingStatus,
    step: u8,
    completed_at: Option<DateTime<Utc>>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE profiles SET onboarding_status = ?, onboarding_step = ?, \
         onboarding_completed_at = COALESCE(onboarding_completed_at, ?) WHERE user_id = ?",
    )
    .bind(onboarding_key(status))
    .bind(i64::from(step))
    .bind(completed_at.map(to_millis))
    .bind(user.to_string())
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DirectoryRow {
    pub user_id: String,
    pub first_name: String,
    pub last_name: String,
    pub headline: String,
    pub photo_file: Option<String>,
    pub time_zone: String,
    pub country: String,
    pub city: String,
    pub accepting_mentees: bool,
    pub supports_new_parents: bool,
    pub years_experience: Option<i64>,
    pub expertise: Option<String>,
    /// Ratings from mentees: how many, and their sum.
    pub rating_count: i64,
    pub rating_total: i64,
}

/// Active mentors matching the query, expertise as a `\u{1f}`-separated list in position order.
pub async fn directory(
    conn: &mut SqliteConnection,
    q: &DirectoryQuery,
) -> Result<Vec<DirectoryRow>, ApiError> {
    let text = crate::like_contains(&q.text.trim().to_lowercase());
    sqlx::query_as(
        "SELECT p.user_id, p.first_name, p.last_name, p.headline, p.photo_file, p.time_zone, p.country, \
         p.city, p.accepting_mentees, p.supports_new_parents, p.years_experience, \
         (SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM profile_tags pt JOIN tags t ON t.id = pt.tag_id \
            WHERE pt.user_id = p.user_id AND pt.kind = 'expertise' ORDER BY pt.position)) AS expertise, \
         (SELECT COUNT(*) FROM ratings rt WHERE rt.rated_id = p.user_id AND rt.rater_role = 'mentee') AS rating_count, \
         (SELECT COALESCE(SUM(rating), 0) FROM ratings rt WHERE rt.rated_id = p.user_id AND rt.rater_role = 'mentee') AS rating_total \
         FROM profiles p JOIN users u ON u.id = p.user_id \
         WHERE u.is_active = 1 \
           AND EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id \
                       WHERE ur.user_id = u.id AND r.key = 'mentor') \
           AND (lower(p.first_name || ' ' || p.last_name) LIKE ?1 ESCAPE '\\' \
                OR lower(p.headline) LIKE ?1 ESCAPE '\\') \
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM profile_tags pt JOIN tags t ON t.id = pt.tag_id \
                WHERE pt.user_id = u.id AND pt.kind = 'expertise' AND t.name_key = lower(?2))) \
           AND (?3 IS NULL OR p.time_zone = ?3) \
           AND (?4 = 0 OR p.accepting_mentees = 1) \
         ORDER BY p.accepting_mentees DESC, lower(p.last_name), lower(p.first_name)",
    )
    .bind(text)
    .bind(q.expertise.as_deref().filter(|s| !s.is_empty()))
    .bind(q.time_zone.as_deref().filter(|s| !s.is_empty()))
    .bind(q.accepting_only)
    .fetch_all(conn)
    .await
    .map_err(internal)
}

/// Expertise tags and time zones in use by active mentors, for the directory's filters.
pub async fn directory_facets(
    conn: &mut SqliteConnection,
) -> Result<(Vec<String>, Vec<String>), ApiError> {
    let mentors = "SELECT ur.user_id FROM user_roles ur JOIN roles r ON r.id = ur.role_id \
                   JOIN users u ON u.id = ur.user_id WHERE r.key = 'mentor' AND u.is_active = 1";
    let tags: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT DISTINCT t.name FROM profile_tags pt JOIN tags t ON t.id = pt.tag_id \
         WHERE pt.kind = 'expertise' AND pt.user_id IN ({mentors}) ORDER BY t.name_key"
    ))
    .fetch_all(&mut *conn)
    .await
    .map_err(internal)?;
    let zones: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT DISTINCT time_zone FROM profiles WHERE user_id IN ({mentors}) ORDER BY time_zone"
    ))
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok((tags, zones))
}
