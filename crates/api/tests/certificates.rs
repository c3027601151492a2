//! Programme completion certificates through the real API on a real SQLite file: managers
//! issue them to mentees who completed the programme, they are prepared and approved (the
//! mentee hears of it) or revoked; anyone, signed out too, checks a code; pending ones stay
//! the managers' business; outsiders see nothing, and refused requests change nothing.

#[path = "support/workspace.rs"]
mod common;

use chrono::{Duration, NaiveDate};
use common::{count, sqlx_count, Workspace, PASSWORD};
use mentordesk_api::Mentordesk;
use mentordesk_core::clock::Clock;
use mentordesk_shared::accounts::{SignUp, SignUpIntent};
use mentordesk_shared::admin::SetUserRoles;
use mentordesk_shared::certificates::*;
use mentordesk_shared::conversations::{NotificationKind, NotificationQuery, Subject};
use mentordesk_shared::ids::{CertificateId, ProgrammeId, UserId};
use mentordesk_shared::profiles::UserRef;
use mentordesk_shared::programmes::*;
use mentordesk_shared::ErrorCode;

struct Team {
    ws: Workspace,
    admin: Mentordesk,
    /// Manages "Women in Tech".
    pat: (Mentordesk, UserId),
    /// Manages another programme.
    oscar: (Mentordesk, UserId),
    /// Mentor in Women in Tech.
    maria: (Mentordesk, UserId),
    /// Mentees in Women in Tech: Ann's match ends, Zoë's programme has to complete.
    ann: (Mentordesk, UserId),
    zoe: (Mentordesk, UserId),
    programme: ProgrammeId,
    others: ProgrammeId,
}

async fn person(ws: &Workspace, email: &str, first: &str, last: &str) -> (Mentordesk, UserId) {
    let app = ws.open().await;
    let me = app
        .accounts_sign_up(SignUp {
            email: email.into(),
            password: PASSWORD.into(),
            first_name: first.into(),
            last_name: last.into(),
            intent: SignUpIntent::Mentee,
            time_zone: Some("Europe/London".into()),
        })
        .await
        .expect("sign up");
    (app, me.user_id)
}

async fn team() -> Team {
    let (ws, admin) = Workspace::with_admin().await;
    let roles = admin.roles_list().await.unwrap();
    let role = |key: &str| roles.iter().find(|r| r.key == key).unwrap().id;
    let pat = person(&ws, "pat@example.org", "Pat", "Manager").await;
    let oscar = person(&ws, "oscar@example.org", "Oscar", "Other").await;
    let maria = person(&ws, "maria@example.org", "Maria", "Mentor").await;
    let ann = person(&ws, "ann@example.org", "Ann", "Adams").await;
    let zoe = person(&ws, "zoe@example.org", "Zoë", "Zhang").await;
    for (user, key) in [
        (pat.1, "programme_manager"),
        (oscar.1, "programme_manager"),
        (maria.1, "mentor"),
    ] {
        admin
            .users_set_roles(SetUserRoles {
                user_id: user,
                role_ids: vec![role(key)],
            })
            .await
            .unwrap();
    }
    let mut profile = maria
        .0
        .profile_get(UserRef { user_id: None })
        .await
        .unwrap()
        .fields;
    profile.accepting_mentees = true;
    maria.0.profile_update(profile).await.unwrap();
    let create = |name: &str| ProgrammeFields {
        name: name.into(),
        ..ProgrammeFields::default()
    };
    let programme = pat
        .0
        .programmes_create(create("Women in Tech"))
        .await
        .unwrap()
        .summary
        .id;
    let others = oscar
        .0
        .programmes_create(create("Returners"))
        .await
        .unwrap()
        .summary
        .id;
    for (user, role) in [
        (maria.1, ProgrammeRole::Mentor),
        (ann.1, ProgrammeRole::Mentee),
        (zoe.1, ProgrammeRole::Mentee),
    ] {
        pat.0
            .programmes_set_member(ProgrammeMemberChange {
                programme_id: programme,
                user_id: user,
                role,
                add: true,
            })
            .await
            .unwrap();
    }
    Team {
        ws,
        admin,
        pat,
        oscar,
        maria,
        ann,
        zoe,
        programme,
        others,
    }
}

/// Maria mentors Ann in the programme, and their match ends: Ann completed it.
async fn end_anns_match(t: &Team) {
    let proposed = t
        .pat
        .0
        .matches_propose(MatchProposal {
            programme_id: t.programme,
            mentor_id: t.maria.1,
            mentee_id: t.ann.1,
            goal: "Lead a team".into(),
        })
        .await
        .unwrap();
    for action in [MatchAction::Approve, MatchAction::End] {
        t.pat
            .0
            .matches_decide(MatchDecision {
                id: proposed.id,
                action,
                reason: String::new(),
            })
            .await
            .unwrap();
    }
}

fn issue(t: &Team, mentee: UserId) -> NewCertificate {
    NewCertificate {
        programme_id: t.programme,
        mentee_id: mentee,
        series_id: String::new(),
        issued_on: None,
        expires_on: None,
    }
}

fn decide(id: CertificateId, action: CertificateAction, reason: &str) -> CertificateDecision {
    CertificateDecision {
        id,
        action,
        reason: reason.into(),
    }
}

async fn verify(app: &Mentordesk, code: &str) -> CertificateVerification {
    app.certificates_verify(CertificateCode { code: code.into() })
        .await
        .unwrap()
}

/// The stored row, as text, to show a refused request changed nothing.
async fn row(app: &Mentordesk, id: CertificateId) -> String {
    use sqlx::Row;
    let mut conn = app.db().read().await.unwrap();
    sqlx::query(
        "SELECT status || '|' || coalesce(generated_at, '') || '|' || coalesce(approved_by, '') \
         || '|' || coalesce(approved_at, '') || '|' || coalesce(revoked_at, '') || '|' || \
         revoke_reason FROM certificates WHERE id = ?",
    )
    .bind(id.to_string())
    .fetch_one(&mut *conn)
    .await
    .unwrap()
    .get::<String, _>(0)
}

#[tokio::test]
async fn a_certificate_is_issued_prepared_approved_once_verified_and_revoked() {
    let t = team().await;
    let today = t.ws.clock.now().date_naive();
    let signed_out = t.ws.open().await;

    // Zoë is a mentee of an active programme without an ended match: refused, nothing stored.
    let err = t
        .pat
        .0
        .certificates_issue(issue(&t, t.zoe.1))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(
        err.field_message("mentee_id")
            .unwrap()
            .starts_with("Zoë Zhang has not completed this programme yet"),
        "{err:?}"
    );
    // Maria mentors in it: she is no mentee of it.
    let err = t
        .pat
        .0
        .certificates_issue(issue(&t, t.maria.1))
        .await
        .unwrap_err();
    assert!(err
        .field_message("mentee_id")
        .unwrap()
        .contains("not a mentee"));
    assert_eq!(count(&t.admin, "certificates").await, 0);

    end_anns_match(&t).await;
    let listed = t
        .pat
        .0
        .certificates_list(CertificateQuery {
            programme_id: Some(t.programme),
            mine: false,
        })
        .await
        .unwrap();
    assert!(listed.can_issue && listed.certificates.is_empty());
    assert_eq!(listed.suggested_series_id.as_deref(), Some("WIT-2026"));
    let eligible: Vec<UserId> = listed.eligible.iter().map(|p| p.user_id).collect();
    assert_eq!(eligible, vec![t.ann.1], "Ann completed; Zoë has not");

    // Bad dates: nothing stored.
    let mut bad = issue(&t, t.ann.1);
    bad.issued_on = Some(today + Duration::days(1));
    bad.expires_on = Some(today);
    bad.series_id = "WIT 2026!".into();
    let err = t.pat.0.certificates_issue(bad).await.unwrap_err();
    for field in ["issued_on", "expires_on", "series_id"] {
        assert!(err.field_message(field).is_some(), "{field}: {err:?}");
    }
    assert_eq!(count(&t.admin, "certificates").await, 0);

    // Issued: prepared at once, waiting for approval, with a derived series and a code.
    let issued = t
        .pat
        .0
        .certificates_issue(issue(&t, t.ann.1))
        .await
        .unwrap();
    assert_eq!(issued.status, CertificateStatus::PendingApproval);
    assert_eq!(issued.series_id, "WIT-2026");
    assert_eq!(issued.issued_on, today);
    assert_eq!(issued.recipient.name, "Ann Adams");
    assert_eq!(issued.created_by, "Pat Manager");
    assert_eq!(issued.generated.as_ref().unwrap().by, "Pat Manager");
    assert!(issued.approved.is_none());
    assert!(issued.can_approve && issued.can_revoke && !issued.can_generate);
    let code = issued.code.clone();
    assert!(code.starts_with("MD-") && code.len() == 17, "{code}");

    // Once per mentee and programme.
    let err = t
        .admin
        .certificates_issue(issue(&t, t.ann.1))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("already has a certificate"), "{err:?}");
    assert_eq!(count(&t.admin, "certificates").await, 1);

    // Pending: Ann does not see it yet, and its code verifies as unknown.
    let mine = t
        .ann
        .0
        .certificates_list(CertificateQuery::default())
        .await
        .unwrap();
    assert!(mine.certificates.is_empty() && !mine.can_issue);
    assert_eq!(
        t.ann
            .0
            .certificate_document(issued.id)
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    let pending = verify(&signed_out, &code).await;
    assert_eq!(pending.verdict, CertificateVerdict::NotFound);
    assert!(pending.certificate.is_none());
    assert_eq!(pending.message, "No certificate has this code.");
    // Before approval its managers print a draft to check it, which says it is not
    // approved; nobody else gets a document.
    let draft = t.pat.0.certificate_document(issued.id).await.unwrap();
    assert_eq!(
        draft.approved_by,
        mentordesk_core::certificates::DRAFT_SIGNATURE
    );
    let saved = t
        .pat
        .0
        .certificates_export(CertificateRef { id: issued.id })
        .await
        .unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", &saved.path, "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup.sh --for-tests");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("draft: not approved yet"), "{text}");
    assert_eq!(saved.file_name, "Certificate WIT-2026 Ann Adams draft.pdf");
    assert!(text.contains("Ann Adams"), "{text}");

    // Ann cannot approve her own; another programme's manager does not see it.
    let err = t
        .ann
        .0
        .certificates_decide(decide(issued.id, CertificateAction::Approve, ""))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = t
        .oscar
        .0
        .certificates_decide(decide(issued.id, CertificateAction::Approve, ""))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);

    // Approved: stamped, and Ann hears of it.
    let approved = t
        .pat
        .0
        .certificates_decide(decide(issued.id, CertificateAction::Approve, ""))
        .await
        .unwrap();
    assert_eq!(approved.status, CertificateStatus::Approved);
    assert_eq!(approved.approved.as_ref().unwrap().by, "Pat Manager");
    assert!(!approved.can_approve && approved.can_revoke);
    let notes = t
        .ann
        .0
        .notifications_list(NotificationQuery::default())
        .await
        .unwrap();
    let note = notes
        .items
        .iter()
        .find(|n| n.kind == NotificationKind::CertificateUpdate)
        .expect("Ann hears of the approval");
    assert_eq!(note.title, "Your certificate was approved");
    assert_eq!(note.subject, Subject::Programme(t.programme));
    assert!(note.body.contains("Women in Tech") && note.body.contains(&code));

    // Approving twice: a conflict, and the row is as it was.
    let before = row(&t.admin, issued.id).await;
    let err = t
        .admin
        .certificates_decide(decide(issued.id, CertificateAction::Approve, ""))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(err.message, "This certificate is already approved.");
    assert_eq!(row(&t.admin, issued.id).await, before);
    let notes_after = t
        .ann
        .0
        .notifications_list(NotificationQuery::default())
        .await
        .unwrap();
    assert_eq!(notes_after.items.len(), notes.items.len());
    // Preparing it again is refused too.
    assert_eq!(
        t.pat
            .0
            .certificates_generate(CertificateRef { id: issued.id })
            .await
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );

    // Anyone checks the code, signed out and however it is typed.
    for typed in [
        code.clone(),
        code.to_lowercase(),
        code[3..].replace('-', " "),
        code.replace('0', "O").replace('1', "l"),
    ] {
        let valid = verify(&signed_out, &typed).await;
        assert_eq!(valid.verdict, CertificateVerdict::Valid, "{typed}");
        let c = valid.certificate.unwrap();
        assert_eq!(
            (
                c.recipient.as_str(),
                c.programme.as_str(),
                c.series_id.as_str()
            ),
            ("Ann Adams", "Women in Tech", "WIT-2026")
        );
        assert_eq!(
            (c.issued_on, c.expires_on, c.revoked_at),
            (today, None, None)
        );
        assert_eq!(c.code, code);
    }
    assert!(signed_out.accounts_me().await.is_err(), "still signed out");
    assert_eq!(
        verify(&t.maria.0, "MD-0000-0000-0000").await.verdict,
        CertificateVerdict::NotFound
    );
    assert_eq!(
        verify(&signed_out, "not a code at all").await.verdict,
        CertificateVerdict::NotFound
    );
    assert!(signed_out
        .certificates_verify(CertificateCode { code: "  ".into() })
        .await
        .unwrap_err()
        .field_message("code")
        .is_some());

    // Ann sees it now, and its document.
    let mine = t
        .ann
        .0
        .certificates_list(CertificateQuery {
            programme_id: None,
            mine: true,
        })
        .await
        .unwrap();
    assert_eq!(mine.certificates.len(), 1);
    assert!(!mine.certificates[0].can_revoke);
    let document = t.ann.0.certificate_document(issued.id).await.unwrap();
    assert_eq!(
        document,
        CertificateDocument {
            programme: "Women in Tech".into(),
            recipient: "Ann Adams".into(),
            statement: "This certifies that Ann Adams has completed the programme Women in Tech."
                .into(),
            issued_on: "2 November 2026".into(),
            expires_on: None,
            series_id: "WIT-2026".into(),
            code: code.clone(),
            approved_by: "Pat Manager".into(),
        }
    );
    // She saves it as a printable PDF: the text a PDF reader extracts names her, the
    // programme, the dates, the series and the code.
    let saved = t
        .ann
        .0
        .certificates_export(CertificateRef { id: issued.id })
        .await
        .unwrap();
    assert_eq!(saved.file_name, "Certificate WIT-2026 Ann Adams.pdf");
    assert!(std::path::Path::new(&saved.path).starts_with(t.ws.path().join("downloads")));
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", &saved.path, "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup.sh --for-tests");
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "Ann Adams",
        "Women in Tech",
        "2 November 2026",
        "WIT-2026",
        code.as_str(),
        "Pat Manager",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // Seeing it does not let her revoke it.
    assert_eq!(
        t.ann
            .0
            .certificates_decide(decide(issued.id, CertificateAction::Revoke, "Mine"))
            .await
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );

    // Revoked, with a reason: Ann hears of it; the code verifies as revoked.
    let err = t
        .pat
        .0
        .certificates_decide(decide(issued.id, CertificateAction::Revoke, "  "))
        .await
        .unwrap_err();
    assert!(err.field_message("reason").is_some());
    // Three days later (everyone signs in again after the inactivity timeout).
    t.ws.clock.advance(Duration::days(3));
    let pat = t.ws.sign_in("pat@example.org").await;
    let ann = t.ws.sign_in("ann@example.org").await;
    let revoked = pat
        .certificates_decide(decide(
            issued.id,
            CertificateAction::Revoke,
            "Issued to the wrong programme",
        ))
        .await
        .unwrap();
    assert_eq!(revoked.status, CertificateStatus::Revoked);
    assert_eq!(revoked.revoke_reason, "Issued to the wrong programme");
    assert!(!revoked.can_approve && !revoked.can_revoke && !revoked.can_generate);
    let checked = verify(&signed_out, &code).await;
    assert_eq!(checked.verdict, CertificateVerdict::Revoked);
    assert_eq!(
        checked.certificate.unwrap().revoked_at,
        revoked.revoked.as_ref().map(|s| s.at)
    );
    assert_eq!(
        checked.message,
        "This certificate was revoked on 5 November 2026."
    );
    let notes = ann
        .notifications_list(NotificationQuery::default())
        .await
        .unwrap();
    assert!(notes
        .items
        .iter()
        .any(|n| n.title == "Your certificate was revoked"));
    assert_eq!(
        ann.certificate_document(issued.id).await.unwrap_err().code,
        ErrorCode::Conflict
    );
    // A revoked certificate stays revoked.
    let before = row(&t.admin, issued.id).await;
    for action in [CertificateAction::Approve, CertificateAction::Revoke] {
        let err = pat
            .certificates_decide(decide(issued.id, action, "Again"))
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict, "{action:?}");
    }
    assert_eq!(row(&t.admin, issued.id).await, before);

    // Revoked, it no longer counts: Ann may be given a new one, with another code.
    let again = pat.certificates_issue(issue(&t, t.ann.1)).await.unwrap();
    assert_ne!(again.code, code);
    assert_eq!(count(&t.admin, "certificates").await, 2);
}

#[tokio::test]
async fn a_completed_programme_certifies_every_mentee_and_expired_ones_say_so() {
    let t = team().await;
    let today = t.ws.clock.now().date_naive();
    t.pat
        .0
        .programmes_set_status(ProgrammeStatusChange {
            id: t.programme,
            status: ProgrammeStatus::Completed,
        })
        .await
        .unwrap();
    let listed = t
        .admin
        .certificates_list(CertificateQuery {
            programme_id: Some(t.programme),
            mine: false,
        })
        .await
        .unwrap();
    let mut eligible: Vec<&str> = listed.eligible.iter().map(|p| p.name.as_str()).collect();
    eligible.sort_unstable();
    assert_eq!(eligible, vec!["Ann Adams", "Zoë Zhang"]);

    // Issued back-dated by an admin with its own series, expiring before today.
    let issued_on = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let expires_on = today - Duration::days(1);
    let zoes = t
        .admin
        .certificates_issue(NewCertificate {
            programme_id: t.programme,
            mentee_id: t.zoe.1,
            series_id: " wit-cohort-1 ".into(),
            issued_on: Some(issued_on),
            expires_on: Some(expires_on),
        })
        .await
        .unwrap();
    assert_eq!(zoes.series_id, "WIT-COHORT-1");
    assert!(!zoes.expired, "not approved yet");
    let approved = t
        .pat
        .0
        .certificates_decide(decide(zoes.id, CertificateAction::Approve, ""))
        .await
        .unwrap();
    assert_eq!(approved.approved.unwrap().by, "Pat Manager");
    assert!(approved.expired);
    let signed_out = t.ws.open().await;
    let checked = verify(&signed_out, &zoes.code).await;
    assert_eq!(checked.verdict, CertificateVerdict::Expired);
    let c = checked.certificate.unwrap();
    assert_eq!((c.issued_on, c.expires_on), (issued_on, Some(expires_on)));
    assert_eq!(c.recipient, "Zoë Zhang");
    assert_eq!(
        checked.message,
        "This certificate expired on 1 November 2026."
    );
    let document = t.zoe.0.certificate_document(zoes.id).await.unwrap();
    assert_eq!(document.issued_on, "30 June 2025");
    assert_eq!(document.expires_on.as_deref(), Some("1 November 2026"));

    // Ann's expires tomorrow: valid today, expired the day after tomorrow.
    let anns = t
        .pat
        .0
        .certificates_issue(NewCertificate {
            expires_on: Some(today + Duration::days(1)),
            ..issue(&t, t.ann.1)
        })
        .await
        .unwrap();
    t.pat
        .0
        .certificates_decide(decide(anns.id, CertificateAction::Approve, ""))
        .await
        .unwrap();
    assert_eq!(
        verify(&signed_out, &anns.code).await.verdict,
        CertificateVerdict::Valid
    );

    // Each mentee lists their own; Maria (a mentor of it) lists none.
    let zoes_list = t
        .zoe
        .0
        .certificates_list(CertificateQuery {
            programme_id: Some(t.programme),
            mine: false,
        })
        .await
        .unwrap();
    assert_eq!(zoes_list.certificates.len(), 1);
    assert_eq!(zoes_list.certificates[0].id, zoes.id);
    assert!(zoes_list.eligible.is_empty() && zoes_list.suggested_series_id.is_none());
    let marias = t
        .maria
        .0
        .certificates_list(CertificateQuery {
            programme_id: Some(t.programme),
            mine: false,
        })
        .await
        .unwrap();
    assert!(marias.certificates.is_empty());
    let all = t
        .pat
        .0
        .certificates_list(CertificateQuery {
            programme_id: Some(t.programme),
            mine: false,
        })
        .await
        .unwrap();
    assert_eq!(all.certificates.len(), 2);
    assert!(all.eligible.is_empty(), "both hold one");

    // The day after its expiry date, Ann's has expired too.
    t.ws.clock.advance(Duration::days(2));
    assert_eq!(
        verify(&signed_out, &anns.code).await.verdict,
        CertificateVerdict::Expired
    );
}

#[tokio::test]
async fn another_programmes_manager_and_outsiders_see_nothing() {
    let t = team().await;
    end_anns_match(&t).await;
    let issued = t
        .pat
        .0
        .certificates_issue(issue(&t, t.ann.1))
        .await
        .unwrap();
    let of_programme = CertificateQuery {
        programme_id: Some(t.programme),
        mine: false,
    };
    let oscar = &t.oscar.0;
    assert_eq!(
        oscar
            .certificates_issue(issue(&t, t.ann.1))
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    assert_eq!(
        oscar
            .certificates_list(of_programme.clone())
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    for result in [
        oscar
            .certificates_generate(CertificateRef { id: issued.id })
            .await
            .map(|_| ()),
        oscar
            .certificates_decide(decide(issued.id, CertificateAction::Revoke, "No"))
            .await
            .map(|_| ()),
        oscar.certificate_document(issued.id).await.map(|_| ()),
    ] {
        assert_eq!(result.unwrap_err().code, ErrorCode::NotFound);
    }
    // Mentors and mentees of the programme issue nothing.
    assert_eq!(
        t.maria
            .0
            .certificates_issue(issue(&t, t.ann.1))
            .await
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    // Oscar's own programme: Ann was never a mentee of it.
    let err = oscar
        .certificates_issue(NewCertificate {
            programme_id: t.others,
            ..issue(&t, t.ann.1)
        })
        .await
        .unwrap_err();
    assert!(err
        .field_message("mentee_id")
        .unwrap()
        .contains("not a mentee"));
    assert_eq!(count(&t.admin, "certificates").await, 1);
    assert_eq!(
        oscar
            .certificates_list(CertificateQuery {
                programme_id: Some(t.others),
                mine: false,
            })
            .await
            .unwrap()
            .eligible,
        vec![]
    );
    // Signed out, only checking a code works.
    let signed_out = t.ws.open().await;
    assert_eq!(
        signed_out
            .certificates_list(of_programme)
            .await
            .unwrap_err()
            .code,
        ErrorCode::Unauthenticated
    );
    assert_eq!(
        signed_out
            .certificate_document(issued.id)
            .await
            .unwrap_err()
            .code,
        ErrorCode::Unauthenticated
    );
}

#[tokio::test]
async fn a_certificate_left_pending_generation_is_prepared_again_by_a_manager() {
    let t = team().await;
    end_anns_match(&t).await;
    let issued = t
        .pat
        .0
        .certificates_issue(issue(&t, t.ann.1))
        .await
        .unwrap();
    // As if preparing its document had failed after the first commit.
    {
        let mut conn = t.admin.db().read().await.unwrap();
        sqlx::query(
            "UPDATE certificates SET status = 'pending_generation', generated_by = NULL, \
             generated_at = NULL WHERE id = ?",
        )
        .bind(issued.id.to_string())
        .execute(&mut *conn)
        .await
        .unwrap();
    }
    let listed = t
        .pat
        .0
        .certificates_list(CertificateQuery {
            programme_id: Some(t.programme),
            mine: false,
        })
        .await
        .unwrap();
    let stuck = &listed.certificates[0];
    assert_eq!(stuck.status, CertificateStatus::PendingGeneration);
    assert!(stuck.can_generate && !stuck.can_approve && stuck.can_revoke);
    let err = t
        .pat
        .0
        .certificates_decide(decide(issued.id, CertificateAction::Approve, ""))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(
        t.ann
            .0
            .certificates_generate(CertificateRef { id: issued.id })
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound,
        "pending ones are the managers' business"
    );
    let prepared = t
        .admin
        .certificates_generate(CertificateRef { id: issued.id })
        .await
        .unwrap();
    assert_eq!(prepared.status, CertificateStatus::PendingApproval);
    assert_eq!(prepared.generated.unwrap().by, "Ada Admin");
    assert_eq!(
        verify(&t.ws.open().await, &issued.code).await.verdict,
        CertificateVerdict::NotFound
    );
    // Revoked before approval: never Ann's to see, not verifiable, and nobody is told.
    t.pat
        .0
        .certificates_decide(decide(issued.id, CertificateAction::Revoke, "Wrong dates"))
        .await
        .unwrap();
    assert_eq!(
        verify(&t.ws.open().await, &issued.code).await.verdict,
        CertificateVerdict::NotFound
    );
    assert!(t
        .ann
        .0
        .certificates_list(CertificateQuery::default())
        .await
        .unwrap()
        .certificates
        .is_empty());
    assert_eq!(
        sqlx_count(
            &t.admin,
            "SELECT count(*) FROM notifications WHERE kind = 'certificate_update'"
        )
        .await,
        0
    );
}

/// What the issuing command's retry rests on: a taken code fails only its own statement and
/// says so, and the transaction carries on with another code.
#[tokio::test]
async fn a_taken_code_is_told_apart_from_a_second_certificate_and_the_transaction_carries_on() {
    use mentordesk_core::certificates::{generate_code, IssueFields};
    use mentordesk_db::certificates::{insert, Inserted};
    let t = team().await;
    end_anns_match(&t).await;
    let issued = t
        .pat
        .0
        .certificates_issue(issue(&t, t.ann.1))
        .await
        .unwrap();
    let fields = IssueFields {
        series_id: "WIT-2026".into(),
        issued_on: t.ws.clock.now().date_naive(),
        expires_on: None,
    };
    let now = t.ws.clock.now();
    let mut tx = t.admin.db().write().await.unwrap();
    let new = || CertificateId(uuid::Uuid::now_v7());
    let zoe_taken = insert(
        &mut tx,
        new(),
        t.programme,
        t.zoe.1,
        &fields,
        &issued.code,
        t.pat.1,
        now,
    )
    .await
    .unwrap();
    assert_eq!(zoe_taken, Inserted::CodeTaken);
    let ann_again = insert(
        &mut tx,
        new(),
        t.programme,
        t.ann.1,
        &fields,
        &generate_code(),
        t.pat.1,
        now,
    )
    .await
    .unwrap();
    assert_eq!(ann_again, Inserted::AlreadyCertified);
    let zoe_fresh = insert(
        &mut tx,
        new(),
        t.programme,
        t.zoe.1,
        &fields,
        &generate_code(),
        t.pat.1,
        now,
    )
    .await
    .unwrap();
    assert_eq!(zoe_fresh, Inserted::Done);
    mentordesk_db::Db::commit(tx).await.unwrap();
    assert_eq!(count(&t.admin, "certificates").await, 2);
}
