//! IAM roles from `get-account-authorization-details --filter Role` (trust policy,
//! attached and inline policies, instance profiles), `list-roles`, and
//! `list-attached-role-policies` outputs named after their role.

use std::collections::HashMap;

use super::json::Json;

use super::capture::{Capture, Node};
use crate::catalog;
use crate::import::{ImportError, Note};
use crate::model::{IamRole, Id, Topology};

/// What the capture says about one role.
#[derive(Default)]
struct Seen<'a> {
    /// Its entry in `RoleDetailList`.
    detail: Option<Node<'a>>,
    /// Its entry in `Roles` (list-roles).
    listed: Option<Node<'a>>,
    /// Attached managed policies (name, ARN), from either output or a named file.
    policies: Vec<(&'a str, &'a str)>,
    /// Whether a list-attached-role-policies output named after the role was given.
    attached_file: bool,
}

/// Every role of the capture but the service-linked ones.
pub(crate) fn roles(
    cap: &Capture<'_>,
    t: &mut Topology,
    notes: &mut Vec<Note>,
) -> Result<(), ImportError> {
    let mut order: Vec<&str> = Vec::new();
    let mut seen: HashMap<&str, Seen<'_>> = HashMap::new();
    for (key, detail) in [("RoleDetailList", true), ("Roles", false)] {
        for n in cap.list(key) {
            let name = n.str("RoleName")?;
            let s = seen.entry(name).or_insert_with(|| {
                order.push(name);
                Seen::default()
            });
            let slot = if detail { &mut s.detail } else { &mut s.listed };
            if slot.is_none() {
                *slot = Some(*n);
            }
            if detail {
                for p in n.list("AttachedManagedPolicies") {
                    s.policies.push((p.str("PolicyName")?, p.str("PolicyArn")?));
                }
            }
        }
    }
    for (_, role) in &cap.attached_role {
        if let Some(s) = role.and_then(|r| seen.get_mut(r)) {
            s.attached_file = true;
        }
    }
    for p in cap.list("AttachedPolicies") {
        let role = cap
            .attached_role
            .iter()
            .find(|(f, _)| *f == p.file)
            .and_then(|(_, r)| *r);
        match role.and_then(|r| seen.get_mut(r)) {
            Some(s) => s.policies.push((p.str("PolicyName")?, p.str("PolicyArn")?)),
            None => notes.push(Note::new(
                role.unwrap_or(p.file),
                format!("attached policy {}", p.opt_str("PolicyName").unwrap_or("?")),
                "list-attached-role-policies does not name its role: save it as ROLE.json and \
                 give the role's details (get-account-authorization-details or list-roles)",
            )),
        }
    }
    for name in order {
        let s = &seen[name];
        let Some(n) = s.detail.as_ref().or(s.listed.as_ref()) else {
            continue;
        };
        let path = n.opt_str("Path").unwrap_or("/");
        if path.starts_with("/aws-service-role/") {
            notes.push(Note::new(
                name,
                "the service-linked role",
                "AWS creates and manages service-linked roles",
            ));
            continue;
        }
        t.iam_roles.push(role(name, s, n, path, notes));
    }
    Ok(())
}

fn role(name: &str, s: &Seen<'_>, n: &Node<'_>, path: &str, notes: &mut Vec<Note>) -> IamRole {
    let note = |notes: &mut Vec<Note>, dropped: String, why: &str| {
        notes.push(Note::new(name, dropped, why));
    };
    if path != "/" {
        note(
            notes,
            format!("path {path}"),
            "the model creates roles at the root path /",
        );
    }
    let trusted_services = trust(name, n.v.get("AssumeRolePolicyDocument"), notes);
    let mut managed_policies: Vec<String> = Vec::new();
    for (policy, arn) in &s.policies {
        let kept = if catalog::managed_policy_arn(policy).as_deref() == Some(*arn) {
            policy.to_string()
        } else if catalog::is_policy_arn(arn) {
            arn.to_string()
        } else {
            note(
                notes,
                format!("managed policy {arn}"),
                "the model holds policies by name or standard ARN only",
            );
            continue;
        };
        if !managed_policies.contains(&kept) {
            managed_policies.push(kept);
        }
    }
    let mut instance_profile = false;
    let mut description = s
        .listed
        .as_ref()
        .and_then(|l| l.opt_str("Description"))
        .or_else(|| n.opt_str("Description"));
    match &s.detail {
        Some(d) => {
            for (i, p) in d.list("InstanceProfileList").iter().enumerate() {
                let profile = p.opt_str("InstanceProfileName").unwrap_or("?");
                if i > 0 {
                    note(
                        notes,
                        format!("second instance profile {profile}"),
                        "the model holds one instance profile per role",
                    );
                } else if profile != name {
                    note(
                        notes,
                        format!("the instance profile's name {profile}"),
                        "the model names a role's instance profile after the role",
                    );
                }
                instance_profile = true;
                // The profile's copy of the role carries the description the
                // detail list leaves out.
                description = description.or_else(|| {
                    p.list("Roles")
                        .iter()
                        .find(|r| r.opt_str("RoleName") == Some(name))
                        .and_then(|r| r.opt_str("Description"))
                });
            }
            for p in d.list("RolePolicyList") {
                note(
                    notes,
                    format!("inline policy {}", p.opt_str("PolicyName").unwrap_or("?")),
                    "the model holds managed policies only",
                );
            }
        }
        None => {
            let mut unknown = vec!["inline policies", "tags"];
            if !s.attached_file {
                unknown.insert(0, "managed policies");
            }
            if trusted_services.iter().any(|s| s == "ec2.amazonaws.com") {
                unknown.push("instance profile");
            }
            note(
                notes,
                format!("its {}, if any", unknown.join(", ")),
                "list-roles does not report them: add get-account-authorization-details --filter Role",
            );
        }
    }
    if let Some(b) = n.v.get("PermissionsBoundary").filter(|b| !b.is_null()) {
        let arn = b
            .get("PermissionsBoundaryArn")
            .and_then(Json::as_str)
            .unwrap_or("?");
        note(
            notes,
            format!("permissions boundary {arn}"),
            "the model has no permissions boundaries",
        );
    }
    if let Some(d) = n.int("MaxSessionDuration").filter(|d| *d != 3600) {
        note(
            notes,
            format!("maximum session duration {d} s"),
            "the model keeps IAM's default of 3600 s",
        );
    }
    if let Some(tag) = n.tag("Name").filter(|t| *t != name) {
        note(
            notes,
            format!("Name tag {tag}"),
            "the model writes the role name as its Name tag",
        );
    }
    IamRole {
        id: Id::new(format!("role-{name}")),
        name: name.to_string(),
        description: description.unwrap_or("").to_string(),
        trusted_services,
        managed_policies,
        instance_profile,
        tags: n.tags(name, notes),
    }
}

/// The service principals a trust policy allows to assume the role; every other part
/// of it becomes a note. In get-account-authorization-details the document is an
/// object; list-roles gives an object or, from the raw API, URL-encoded JSON text.
fn trust(role: &str, doc: Option<&Json<'_>>, notes: &mut Vec<Note>) -> Vec<String> {
    let mut note = |dropped: String, why: &str| notes.push(Note::new(role, dropped, why));
    let decoded: String;
    let parsed: Option<Json<'_>>;
    let doc = match doc {
        Some(Json::String(text)) => {
            parsed = match Json::parse(text) {
                Ok(v) => Some(v),
                Err(_) => {
                    decoded = percent_decode(text);
                    Json::parse(&decoded).ok()
                }
            };
            parsed.as_ref()
        }
        other => other,
    };
    let Some(doc) = doc.filter(|d| d.is_object()) else {
        note(
            "its trust policy".into(),
            "the document is missing or not JSON",
        );
        return Vec::new();
    };
    let statements: Vec<&Json<'_>> = match doc.get("Statement") {
        Some(Json::Array(a)) => a.iter().collect(),
        Some(s @ Json::Object(_)) => vec![s],
        _ => Vec::new(),
    };
    let strings = |v: Option<&Json<'_>>| -> Vec<String> {
        match v {
            Some(Json::String(s)) => vec![s.to_string()],
            Some(Json::Array(a)) => a
                .iter()
                .filter_map(Json::as_str)
                .map(String::from)
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut services: Vec<String> = Vec::new();
    for s in statements {
        if s.get("Effect").and_then(Json::as_str) != Some("Allow") {
            note(
                "a Deny statement of its trust policy".into(),
                "the model's trust policies only allow",
            );
            continue;
        }
        for k in ["Condition", "NotPrincipal", "NotAction"] {
            if s.get(k).is_some() {
                note(
                    format!("the {k} of a trust statement"),
                    "the model's trust policies have none",
                );
            }
        }
        let principal = s.get("Principal");
        if principal.and_then(Json::as_str) == Some("*") {
            note(
                "trust of every principal (*)".into(),
                "the model trusts AWS services only",
            );
        }
        let mut took = false;
        for (kind, v) in principal.and_then(Json::as_object).into_iter().flatten() {
            for p in strings(Some(v)) {
                if kind == "Service" {
                    took = true;
                    if !services.contains(&p) {
                        services.push(p);
                    }
                } else {
                    note(
                        format!("trust of {kind} principal {p}"),
                        "the model trusts AWS services only",
                    );
                }
            }
        }
        if took {
            for a in strings(s.get("Action")) {
                if a != "sts:AssumeRole" {
                    note(
                        format!("trust action {a}"),
                        "the model allows sts:AssumeRole only",
                    );
                }
            }
        }
    }
    services
}

/// Decodes `%XX` escapes (as in URL-encoded policy documents); anything else is kept.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
