//! IAM rules (NW501-NW508): managed policies exist, trusted services are service
//! principals, broad policies, instance profiles, the managed-policy quota and
//! duplicate attachments.

use super::context::{fix, Ctx};
use super::rules::*;
use crate::catalog;
use crate::model::EntityKind;

const EC2: &str = "ec2.amazonaws.com";

/// The IAM policy quota: managed policies attached to one role.
const MAX_POLICIES: usize = 10;

/// Runs every IAM rule.
pub(super) fn check(c: &mut Ctx<'_>) {
    let t = c.t;
    let k = EntityKind::IamRole;
    for (i, role) in t.iam_roles.iter().enumerate() {
        if role.trusted_services.is_empty() {
            let msg = format!(
                "{} trusts no service, so nothing can assume it",
                c.name(k, i)
            );
            let f = fix(format!("trust a service such as {EC2}"), None);
            c.emit(
                &NO_TRUSTED_SERVICE,
                c.at(k, i),
                Some("trusted_services".into()),
                msg,
                f,
            );
        }
        for (j, s) in role.trusted_services.iter().enumerate() {
            if !is_service_principal(s) {
                let msg = format!(
                    "{}: \"{s}\" is not a service principal (expected e.g. {EC2})",
                    c.name(k, i)
                );
                let f = match principal_guess(s) {
                    Some(g) => fix(format!("did you mean {g}?"), Some(g)),
                    None => fix(format!("use a service principal such as {EC2}"), None),
                };
                let field = Some(format!("trusted_services[{j}]"));
                c.emit(&BAD_PRINCIPAL, c.at(k, i), field, msg, f);
            }
        }
        let trusts_ec2 = role.trusted_services.iter().any(|s| s.trim() == EC2);
        if role.instance_profile && !trusts_ec2 {
            let msg = format!(
                "{} has an instance profile, but EC2 may not assume it (it does not trust {EC2})",
                c.name(k, i)
            );
            let f = fix(
                "remove the instance profile, or trust ec2.amazonaws.com",
                Some("false".into()),
            );
            c.emit(
                &PROFILE_NOT_EC2,
                c.at(k, i),
                Some("instance_profile".into()),
                msg,
                f,
            );
        } else if trusts_ec2 && !role.instance_profile {
            let msg = format!(
                "{} trusts EC2 but has no instance profile, so no instance can use it",
                c.name(k, i)
            );
            let f = fix(
                "add an instance profile of the same name",
                Some("true".into()),
            );
            c.emit(
                &EC2_WITHOUT_PROFILE,
                c.at(k, i),
                Some("instance_profile".into()),
                msg,
                f,
            );
        }
        policies(c, i);
    }
}

fn policies(c: &mut Ctx<'_>, i: usize) {
    let t = c.t;
    let k = EntityKind::IamRole;
    let role = &t.iam_roles[i];
    let mut arns: Vec<(String, usize)> = Vec::with_capacity(role.managed_policies.len());
    for (j, p) in role.managed_policies.iter().enumerate() {
        let field = || Some(format!("managed_policies[{j}]"));
        let Some(arn) = catalog::managed_policy_arn(p.trim()) else {
            let msg = format!(
                "{}: \"{p}\" is not an AWS managed policy Netwright knows, nor a policy ARN",
                c.name(k, i)
            );
            let f = match catalog::closest_policy(p.trim()) {
                Some(g) => fix(format!("did you mean {g}?"), Some(g.to_string())),
                None => fix("use an AWS managed policy name or a full policy ARN", None),
            };
            c.emit(&UNKNOWN_POLICY, c.at(k, i), field(), msg, f);
            continue;
        };
        let short = arn.rsplit('/').next().unwrap_or_default();
        if short.ends_with("FullAccess")
            || short == "AdministratorAccess"
            || short == "PowerUserAccess"
        {
            let read_only = short
                .strip_suffix("FullAccess")
                .map(|s| format!("{}ReadOnlyAccess", s.trim_end_matches('_')))
                .filter(|r| catalog::MANAGED_POLICIES.iter().any(|(n, _)| n == r));
            let label = match read_only {
                Some(r) => format!(
                    "grant only what the role needs: {r} if it only reads, or a policy scoped to \
                     its own resources"
                ),
                None => {
                    "grant only what the role needs: a policy scoped to its own resources".into()
                }
            };
            let msg = format!(
                "{}: {short} grants every action on the service{}; prefer least privilege",
                c.name(k, i),
                if short.ends_with("FullAccess") {
                    ""
                } else {
                    "s of the account"
                }
            );
            c.emit(&BROAD_POLICY, c.at(k, i), field(), msg, fix(label, None));
        }
        arns.push((arn, j));
    }
    if role.managed_policies.len() > MAX_POLICIES {
        let msg = format!(
            "{} has {} managed policies; IAM allows {MAX_POLICIES} per role by default",
            c.name(k, i),
            role.managed_policies.len()
        );
        let f = fix("combine permissions into fewer policies", None);
        let field = Some(format!("managed_policies[{MAX_POLICIES}]"));
        c.emit(&TOO_MANY_POLICIES, c.at(k, i), field, msg, f);
    }
    crate::order::sort(&mut arns);
    for w in arns.windows(2) {
        if w[0].0 == w[1].0 {
            let msg = format!(
                "{} lists {} twice (entries {} and {})",
                c.name(k, i),
                w[1].0.rsplit('/').next().unwrap_or_default(),
                w[0].1 + 1,
                w[1].1 + 1
            );
            let f = fix("remove the second one", None);
            let field = Some(format!("managed_policies[{}]", w[1].1));
            c.emit(&DUPLICATE_POLICY, c.at(k, i), field, msg, f);
        }
    }
}

/// Whether `s` looks like an AWS service principal: lowercase DNS labels ending in
/// `.amazonaws.com`, e.g. `ecs-tasks.amazonaws.com` or `monitoring.rds.amazonaws.com`.
fn is_service_principal(s: &str) -> bool {
    let Some(head) = s.strip_suffix(".amazonaws.com") else {
        return false;
    };
    !head.is_empty()
        && head.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// A likely intended principal: the input trimmed and lowercased, `ec2` completed to
/// `ec2.amazonaws.com`, or the closest well-known principal.
fn principal_guess(s: &str) -> Option<String> {
    let lower = s.trim().to_ascii_lowercase();
    if is_service_principal(&lower) {
        return Some(lower);
    }
    let completed = format!("{}.amazonaws.com", lower.trim_end_matches('.'));
    if is_service_principal(&completed) && !lower.contains("amazonaws") {
        return Some(completed);
    }
    catalog::SERVICE_PRINCIPALS
        .iter()
        .map(|(p, _)| (catalog::edit_distance(&lower, p), *p))
        .filter(|(d, _)| *d <= 4)
        .min()
        .map(|(_, p)| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principals() {
        assert!(is_service_principal("ec2.amazonaws.com"));
        assert!(is_service_principal("monitoring.rds.amazonaws.com"));
        assert!(!is_service_principal("EC2.amazonaws.com"));
        assert!(!is_service_principal(".amazonaws.com"));
        assert!(!is_service_principal("ec2..amazonaws.com"));
        assert!(!is_service_principal("arn:aws:iam::123456789012:root"));
        assert_eq!(principal_guess("ec2").as_deref(), Some(EC2));
        assert_eq!(principal_guess(" EC2.amazonaws.com").as_deref(), Some(EC2));
        assert_eq!(principal_guess("ec2.amazonaws").as_deref(), Some(EC2));
        assert_eq!(principal_guess("zzzzzzzzzzzzzzzzzzzzzz!"), None);
    }
}
