//! Deploy section for IAM: roles with their trust policies, AWS managed policies
//! (attached where missing) and instance profiles. One call finds them all.

use std::io;

use serde_json::{json, Value};

use super::{opt, Find, Gen};
use crate::catalog::managed_policy_arn;
use crate::export::aws_common::{iam_design_value, json_word, tags};
use crate::export::shell::{jmes_str, quote};
use crate::model::IamRole;

/// The trust policy letting the role's services assume it, as JSON text.
pub(crate) fn trust_policy(role: &IamRole) -> String {
    let services: Value = match role.trusted_services.as_slice() {
        [one] => json!(one),
        many => json!(many),
    };
    let doc = json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": services},
            "Action": "sts:AssumeRole",
        }],
    });
    serde_json::to_string(&doc).expect("JSON values always serialise")
}

/// The ARNs of the role's managed policies (an unknown name is an error: the
/// validator refuses such designs).
pub(crate) fn policy_arns(role: &IamRole) -> io::Result<Vec<String>> {
    role.managed_policies
        .iter()
        .map(|p| {
            managed_policy_arn(p).ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("role '{}': unknown managed policy '{p}'", role.name),
                )
            })
        })
        .collect()
}

/// The id tag of a role's instance profile.
pub(crate) fn profile_id(role: &IamRole) -> String {
    format!("{}/instance-profile", role.id)
}

/// Roles, their policies and instance profiles.
pub(super) fn roles(g: &mut Gen<'_>) -> io::Result<()> {
    let t = g.t;
    if t.iam_roles.is_empty() {
        return Ok(());
    }
    g.section("IAM roles, managed policies and instance profiles");
    let design = iam_design_value(g.design());
    let mut finds = Vec::new();
    for role in &t.iam_roles {
        let var = g.var(&role.id)?;
        let mut fields = vec![(var.clone(), "RoleId".to_string())];
        for (j, arn) in policy_arns(role)?.iter().enumerate() {
            fields.push((
                format!("{var}_POLICY{}", j + 1),
                format!(
                    "contains(AttachedManagedPolicies[].PolicyArn || `[]`, {})",
                    jmes_str(arn)
                ),
            ));
        }
        if role.instance_profile {
            fields.push((
                format!("{var}_PROFILE"),
                format!(
                    "InstanceProfileList[?InstanceProfileName=={}]|[0].InstanceProfileId",
                    jmes_str(&role.name)
                ),
            ));
        }
        finds.push(Find {
            pick: format!("RoleName=={}", jmes_str(&role.name)),
            fields,
        });
    }
    g.line("# Role names are unique in the account: roles are found by name, with the");
    g.line("# policies attached to them and the instance profiles holding them, in one");
    g.line("# call (it needs the iam:GetAccountAuthorizationDetails permission).");
    g.lookup_iam(&finds);

    for role in &t.iam_roles {
        let var = g.var(&role.id)?;
        g.step(&format!("iam role {}", role.name));
        let mut input = json!({ "RoleName": role.name });
        if !role.description.is_empty() {
            input["Description"] = json!(role.description);
        }
        input["Tags"] = tags(
            &role.name,
            &design,
            &iam_design_value(role.id.as_str()),
            &role.tags,
        );
        g.line(format!("if [[ ${var} == null ]]; then"));
        g.line(format!(
            "  {var}=$(aws iam create-role --cli-input-json {} \\\n    --assume-role-policy-document {} \\\n    --query Role.RoleId --output text)",
            json_word(&input),
            quote(&trust_policy(role))
        ));
        g.line(format!("  echo \"created ${var}\""));
        g.line("else");
        g.line(format!("  echo \"exists ${var}\""));
        g.line("fi");
        g.summarise("iam role", &role.name, &var);

        let arns = policy_arns(role)?;
        if !arns.is_empty() {
            g.uses("attach");
            g.uses("changed");
            g.step(&format!(
                "managed policies of {} ({})",
                role.name,
                arns.len()
            ));
            g.line("N=0");
            for (j, arn) in arns.iter().enumerate() {
                g.line(format!(
                    "attach {} {} \"${var}_POLICY{}\"",
                    quote(&role.name),
                    quote(arn),
                    j + 1
                ));
            }
            g.line("changed \"$N\" attached");
        }

        if role.instance_profile {
            let profile = format!("{var}_PROFILE");
            g.step(&format!("instance profile {}", role.name));
            let input = json!({
                "InstanceProfileName": role.name,
                "Tags": tags(&role.name, &design, &iam_design_value(&profile_id(role)), &Default::default()),
            });
            g.line(format!("if [[ ${profile} == null ]]; then"));
            g.line("  # A profile left without its role by an interrupted run is reused.");
            g.line(format!(
                "  {profile}=$(tolerate EntityAlreadyExists aws iam create-instance-profile --cli-input-json {} \\\n    --query InstanceProfile.InstanceProfileId --output text)",
                json_word(&input)
            ));
            g.line(format!(
                "  aws iam add-role-to-instance-profile {} {}",
                opt("--instance-profile-name", &role.name),
                opt("--role-name", &role.name)
            ));
            g.line(format!("  {profile}=${{{profile}:-existing}}"));
            g.line(format!("  echo \"created ${profile}\""));
            g.line("else");
            g.line(format!("  echo \"exists ${profile}\""));
            g.line("fi");
            g.summarise("instance profile", &role.name, &profile);
        }
    }
    Ok(())
}
