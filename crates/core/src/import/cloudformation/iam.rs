//! IAM roles (the service principals of the trust policy, managed policies by name or
//! ARN) and instance profiles, which set their role's instance-profile flag.

use super::resources::{name_and_tags, name_or, Build, Props, Res};
use super::value::Val;
use crate::catalog;
// A role's Name tag as the exporter writes it (IAM's tag characters).
use crate::export::cloudformation::iam_tag_value;
use crate::model::{EntityKind, IamRole, Id};

/// `AWS::IAM::Role`.
pub(super) fn roles(rs: &[&Res<'_>], b: &mut Build) {
    for r in rs {
        let mut p = Props::new(r);
        let role_name = p.text("RoleName", b);
        let description = p.text("Description", b).unwrap_or_default();
        let (tag, tags) = name_and_tags(&mut p, b, r.id);
        let name = name_or(role_name, r.id, 64);
        if let Some(t) = tag.filter(|t| *t != name && *t != iam_tag_value(&name)) {
            b.note(
                r.id,
                format!("Name tag {t}"),
                "the model writes the role name as its Name tag",
            );
        }
        let trusted_services = match p.get("AssumeRolePolicyDocument") {
            Some(doc) => trust(r.id, doc, b),
            None => {
                b.note(r.id, "its trust policy", "the role has none");
                Vec::new()
            }
        };
        let mut managed_policies: Vec<String> = Vec::new();
        if let Some(list) = p.get("ManagedPolicyArns") {
            for v in list.as_list().unwrap_or(std::slice::from_ref(list)) {
                let Some(arn) = v.as_str() else {
                    let (what, why) = match v.target() {
                        Some(policy) => (
                            policy.to_string(),
                            "a policy the template creates: the model holds AWS managed policies and policy ARNs only",
                        ),
                        None => (v.label(), "the model holds policies by name or standard ARN only"),
                    };
                    b.note(r.id, format!("managed policy {what}"), why);
                    continue;
                };
                let short = arn.rsplit('/').next().unwrap_or(arn);
                let kept = if catalog::managed_policy_arn(short).as_deref() == Some(arn) {
                    short.to_string()
                } else if catalog::is_policy_arn(arn) {
                    arn.to_string()
                } else {
                    b.note(
                        r.id,
                        format!("managed policy {arn}"),
                        "the model holds policies by name or standard ARN only",
                    );
                    continue;
                };
                if !managed_policies.contains(&kept) {
                    managed_policies.push(kept);
                }
            }
        }
        if let Some(Val::List(policies)) = p.get("Policies") {
            for pol in policies {
                let name = pol.get("PolicyName").map(Val::label);
                b.note(
                    r.id,
                    format!("inline policy {}", name.unwrap_or_else(|| "?".into())),
                    "the model holds managed policies only",
                );
            }
        }
        if let Some(path) = p.text("Path", b).filter(|p| p != "/") {
            b.note(
                r.id,
                format!("path {path}"),
                "the model creates roles at the root path /",
            );
        }
        if let Some(d) = p
            .get("MaxSessionDuration")
            .and_then(Val::as_int)
            .filter(|d| *d != 3600)
        {
            b.note(
                r.id,
                format!("maximum session duration {d} s"),
                "the model keeps IAM's default of 3600 s",
            );
        }
        p.finish(b, |k| match k {
            "PermissionsBoundary" => Some("the model has no permissions boundaries"),
            "Policies" => Some("the model holds managed policies only"),
            _ => None,
        });
        b.add(EntityKind::IamRole, r.id, b.t.iam_roles.len());
        b.t.iam_roles.push(IamRole {
            id: Id::new(r.id),
            name,
            description,
            trusted_services,
            managed_policies,
            instance_profile: false,
            tags,
        });
    }
}

/// The service principals a trust policy lets assume the role; every other part of
/// it becomes a note.
fn trust(role: &str, doc: &Val<'_>, b: &mut Build) -> Vec<String> {
    let statements: Vec<&Val<'_>> = match doc.get("Statement") {
        Some(Val::List(l)) => l.iter().collect(),
        Some(s @ Val::Map(_)) => vec![s],
        _ => {
            b.note(
                role,
                "its trust policy",
                "it has no Statement the model reads",
            );
            return Vec::new();
        }
    };
    let strings = |v: Option<&Val<'_>>| -> Vec<String> {
        match v {
            Some(Val::List(l)) => l.iter().filter_map(Val::text).collect(),
            Some(other) => other.text().into_iter().collect(),
            None => Vec::new(),
        }
    };
    let mut services: Vec<String> = Vec::new();
    for s in statements {
        if s.get("Effect").and_then(Val::as_str) != Some("Allow") {
            b.note(
                role,
                "a Deny statement of its trust policy",
                "the model's trust policies only allow",
            );
            continue;
        }
        for k in ["Condition", "NotPrincipal", "NotAction"] {
            if s.get(k).is_some() {
                b.note(
                    role,
                    format!("the {k} of a trust statement"),
                    "the model's trust policies have none",
                );
            }
        }
        let principal = s.get("Principal");
        if principal.and_then(Val::as_str) == Some("*") {
            b.note(
                role,
                "trust of every principal (*)",
                "the model trusts AWS services only",
            );
        }
        let mut took = false;
        if let Some(Val::Map(m)) = principal {
            for (kind, v) in m {
                for p in strings(Some(v)) {
                    if *kind == "Service" {
                        took = true;
                        if !services.contains(&p) {
                            services.push(p);
                        }
                    } else {
                        b.note(
                            role,
                            format!("trust of {kind} principal {p}"),
                            "the model trusts AWS services only",
                        );
                    }
                }
            }
        }
        if took {
            for a in strings(s.get("Action")) {
                if a != "sts:AssumeRole" {
                    b.note(
                        role,
                        format!("trust action {a}"),
                        "the model allows sts:AssumeRole only",
                    );
                }
            }
        }
    }
    services
}

/// `AWS::IAM::InstanceProfile`: its role gets an instance profile.
pub(super) fn instance_profiles(rs: &[&Res<'_>], b: &mut Build) {
    for r in rs {
        let mut p = Props::new(r);
        let roles: Vec<Val<'_>> = match p.get("Roles") {
            Some(Val::List(l)) => l.clone(),
            Some(other) => vec![other.clone()],
            None => Vec::new(),
        };
        let name = p.text("InstanceProfileName", b);
        if let Some(path) = p.text("Path", b).filter(|p| p != "/") {
            b.note(
                r.id,
                format!("path {path}"),
                "the model creates instance profiles at the root path /",
            );
        }
        p.finish(b, |_| None);
        let Some(first) = roles.first() else {
            b.note(r.id, "the instance profile", "it holds no role");
            continue;
        };
        if roles.len() > 1 {
            b.note(
                r.id,
                "its second role",
                "an instance profile holds one role",
            );
        }
        match b.target(first, EntityKind::IamRole) {
            Ok(role) => {
                let i = b.at(&role);
                let role = &mut b.t.iam_roles[i];
                if role.instance_profile {
                    let dropped = format!(
                        "second instance profile {}",
                        name.unwrap_or_else(|| r.id.to_string())
                    );
                    b.note(
                        r.id,
                        dropped,
                        "the model holds one instance profile per role",
                    );
                    continue;
                }
                role.instance_profile = true;
                if let Some(n) = name.filter(|n| *n != role.name) {
                    b.note(
                        r.id,
                        format!("the instance profile's name {n}"),
                        "the model names a role's instance profile after the role",
                    );
                }
            }
            Err(e) => b.note(r.id, "the instance profile", e),
        }
    }
}
