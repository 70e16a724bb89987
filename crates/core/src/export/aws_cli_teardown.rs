//! The `aws-cli-teardown` exporter: a bash script that deletes every resource tagged
//! as the design's, in the order AWS requires, skipping what is already gone.
//!
//! It finds resources by the design tag alone, not by the design's current content,
//! so resources the design no longer has are removed too; IAM roles are found by
//! their design tag as well (IAM tag values are sanitised, see
//! [`super::aws_common::iam_design_value`]).

use std::fmt::Write as _;
use std::io;

use super::aws_common::{self, has_tag, iam_design_value, DESIGN_TAG, TAGGED};
use super::shell::quote;
use super::Exporter;
use crate::model::Topology;

/// Writes a bash script that deletes the design's resources with the AWS CLI.
pub struct AwsCliTeardown;

impl Exporter for AwsCliTeardown {
    fn format(&self) -> &'static super::Format {
        &super::FORMATS[1]
    }
    fn write(&self, topology: &Topology, out: &mut dyn io::Write) -> io::Result<()> {
        aws_common::refuse_nul(topology)?;
        out.write_all(script(topology).as_bytes())
    }
}

/// The `Name` tag's value (null when missing) as a JMESPath field.
const NAME: &str = "Tags[?Key==`\"Name\"`]|[0].Value";

/// The whole teardown script.
fn script(t: &Topology) -> String {
    let own = has_tag(DESIGN_TAG, &t.name);
    let own_iam = has_tag(DESIGN_TAG, &iam_design_value(&t.name));
    let about = [
        "Deletes every resource tagged netwright:design with the design's name, in the",
        "order AWS requires: IAM roles and instance profiles; security groups (rules",
        "naming other groups first); route tables; network ACLs (their subnets moved back",
        "to the VPC's default ACL first); NAT gateways (waiting until they are gone);",
        "Elastic IPs; internet gateways; subnets; VPCs. Resources already gone are",
        "skipped, so running it again does nothing. Like the deploy script it uses the",
        "AWS CLI's own configuration (credentials, AWS_PROFILE, AWS_ENDPOINT_URL).",
        "",
    ];
    let file = AwsCliTeardown.file_name(&t.name);
    let mut s = aws_common::header(t, &file, "deletes a Netwright design", &about);
    s.push('\n');
    s.push_str(&aws_common::prelude(t, "Tearing down"));
    s.push_str(PHASE_HELPER);

    let iam_query = format!(
        "RoleDetailList[?{own_iam}].[join(`\"\"`, [`\"role \"`, RoleName]), \
         AttachedManagedPolicies[].join(`\"\"`, [`\"policy \"`, PolicyArn]), \
         RolePolicyList[].join(`\"\"`, [`\"inline \"`, PolicyName]), \
         InstanceProfileList[].join(`\"\"`, [`\"profile \"`, InstanceProfileName]), \
         InstanceProfileList[?{own_iam}].join(`\"\"`, [`\"own-profile \"`, InstanceProfileName])]"
    );
    let sg_query = format!("SecurityGroups[?{own}].[GroupId, {NAME}]");
    let rt_query = format!(
        "[RouteTables[?{own}].Associations[?!Main][].[RouteTableAssociationId, SubnetId], \
         RouteTables[?{own} && !(Associations[?Main])].[RouteTableId, {NAME}]]"
    );
    let acl_query = format!("NetworkAcls[?{own}].[NetworkAclId, VpcId, {NAME}]");
    let nat_query = format!("NatGateways[?{own}].[NatGatewayId, State, {NAME}]");
    let eip_query = format!("Addresses[?{own}].[AllocationId, AssociationId, {NAME}]");
    let igw_query =
        format!("InternetGateways[?{own}].[InternetGatewayId, Attachments[0].VpcId, {NAME}]");
    let subnet_query = format!("Subnets[?{own}].[SubnetId, {NAME}]");
    let vpc_query = format!("Vpcs[?{own}].[VpcId, {NAME}]");

    let body = BODY
        .replace("{IAM}", &quote(&iam_query))
        .replace("{SG}", &quote(&sg_query))
        .replace("{RT}", &quote(&rt_query))
        .replace("{ACL}", &quote(&acl_query))
        .replace("{ACL_ASSOC}", &quote(ACL_ASSOC))
        .replace("{NAT}", &quote(&nat_query))
        .replace("{EIP}", &quote(&eip_query))
        .replace("{IGW}", &quote(&igw_query))
        .replace("{SUBNET}", &quote(&subnet_query))
        .replace("{VPC}", &quote(&vpc_query))
        .replace("{TAGGED}", TAGGED);
    s.push_str(&body);
    let _ = writeln!(
        s,
        "\necho\nprintf 'Done in %ss: nothing tagged as design %s is left in %s.\\n' \"$SECONDS\" {} \"$REGION\"",
        quote(&super::shell::display(&t.name))
    );
    s
}

const PHASE_HELPER: &str = r#"
PHASES=9 PHASE=0
# phase WHAT: prints the heading of the next phase, "[n/9] WHAT".
phase() {
  PHASE=$((PHASE + 1))
  printf '[%d/%d] %s\n' "$PHASE" "$PHASES" "$1"
}

# gone KIND ID NAME: reports a deleted resource.
gone() {
  printf '  deleted %s %s (%s)\n' "$1" "$2" "$3"
}

# none_found: says so when the last lookup found nothing (R is empty).
none_found() {
  if [[ ${#R[@]} == 0 ]]; then
    echo '  none found'
  fi
}
"#;

/// Each VPC's default network ACL as (`default`, VPC, ACL), then the associations of
/// the other ACLs as (association id, subnet, ACL).
const ACL_ASSOC: &str = "[NetworkAcls[?IsDefault].[`\"default\"`, VpcId, NetworkAclId], \
     NetworkAcls[?!IsDefault].Associations[].[NetworkAclAssociationId, SubnetId, NetworkAclId]]";

/// The design-independent part of the script; `{X}` marks a quoted query.
const BODY: &str = r#"
# --- IAM roles and instance profiles ---------------------------------------------
phase 'iam roles and instance profiles'
# One row per role of the design: "role NAME", then its "policy ARN"s, "inline
# NAME"s, the "profile NAME"s holding it and which of those are the design's own.
q iam get-account-authorization-details --filter Role \
  --query {IAM}
none_found
ROLES=() role=''
for item in ${R[@]+"${R[@]}"}; do
  case $item in
    'role '*)
      role=${item#role }
      ROLES+=("$role")
      ;;
    'policy '*)
      tolerate NoSuchEntity aws iam detach-role-policy --role-name="$role" --policy-arn "${item#policy }"
      printf '  detached %s from %s\n' "${item#policy }" "$role"
      ;;
    'inline '*)
      tolerate NoSuchEntity aws iam delete-role-policy --role-name="$role" --policy-name="${item#inline }"
      printf '  deleted inline policy %s of %s\n' "${item#inline }" "$role"
      ;;
    'profile '*)
      tolerate NoSuchEntity aws iam remove-role-from-instance-profile \
        --instance-profile-name="${item#profile }" --role-name="$role"
      ;;
    'own-profile '*)
      tolerate NoSuchEntity aws iam delete-instance-profile --instance-profile-name="${item#own-profile }"
      gone 'instance profile' "${item#own-profile }" "$role"
      ;;
  esac
done
for role in ${ROLES[@]+"${ROLES[@]}"}; do
  tolerate NoSuchEntity aws iam delete-role --role-name="$role"
  gone 'iam role' "$role" "$role"
done

# --- Security groups --------------------------------------------------------------
phase 'security groups'
q ec2 describe-security-groups --filters {TAGGED} \
  --query {SG}
none_found
GROUPS_FOUND=(${R[@]+"${R[@]}"})
if [[ ${#GROUPS_FOUND[@]} != 0 ]]; then
  # Rules naming another group keep that group in use: revoke them first.
  IDS=''
  for ((i = 0; i < ${#GROUPS_FOUND[@]}; i += 2)); do
    IDS+=",${GROUPS_FOUND[i]}"
  done
  q ec2 describe-security-group-rules --filters "Name=group-id,Values=${IDS#,}" \
    --query 'SecurityGroupRules[?ReferencedGroupInfo.GroupId].[GroupId,IsEgress,SecurityGroupRuleId]'
  for ((i = 0; i < ${#GROUPS_FOUND[@]}; i += 2)); do
    IN=() OUT=()
    for ((j = 0; j + 2 < ${#R[@]}; j += 3)); do
      if [[ ${R[j]} == "${GROUPS_FOUND[i]}" && ${R[j + 1]} == true ]]; then
        OUT+=("${R[j + 2]}")
      elif [[ ${R[j]} == "${GROUPS_FOUND[i]}" ]]; then
        IN+=("${R[j + 2]}")
      fi
    done
    if [[ ${#IN[@]} != 0 ]]; then
      tolerate InvalidPermission.NotFound aws ec2 revoke-security-group-ingress \
        --group-id "${GROUPS_FOUND[i]}" --security-group-rule-ids "${IN[@]}" >/dev/null
    fi
    if [[ ${#OUT[@]} != 0 ]]; then
      tolerate InvalidPermission.NotFound aws ec2 revoke-security-group-egress \
        --group-id "${GROUPS_FOUND[i]}" --security-group-rule-ids "${OUT[@]}" >/dev/null
    fi
  done
  for ((i = 0; i < ${#GROUPS_FOUND[@]}; i += 2)); do
    tolerate InvalidGroup.NotFound aws ec2 delete-security-group --group-id "${GROUPS_FOUND[i]}" >/dev/null
    gone 'security group' "${GROUPS_FOUND[i]}" "${GROUPS_FOUND[i + 1]}"
  done
fi

# --- Route tables -----------------------------------------------------------------
phase 'route tables'
# Subnet associations (rtbassoc-..., subnet) first, then the tables (rtb-..., name);
# a VPC's main table is left to go with its VPC.
q ec2 describe-route-tables --filters {TAGGED} \
  --query {RT}
none_found
for ((i = 0; i + 1 < ${#R[@]}; i += 2)); do
  case ${R[i]} in
    rtbassoc-*)
      tolerate InvalidAssociationID.NotFound aws ec2 disassociate-route-table --association-id "${R[i]}"
      printf '  disassociated %s (%s)\n' "${R[i + 1]}" "${R[i]}"
      ;;
    *)
      tolerate InvalidRouteTableID.NotFound aws ec2 delete-route-table --route-table-id "${R[i]}"
      gone 'route table' "${R[i]}" "${R[i + 1]}"
      ;;
  esac
done

# --- Network ACLs -----------------------------------------------------------------
phase 'network acls'
# The design's ACLs (acl-..., VPC, name). A subnet always has one ACL, so each ACL's
# subnets go back to their VPC's default ACL before the ACL is deleted.
q ec2 describe-network-acls --filters {TAGGED} \
  --query {ACL}
none_found
ACLS_FOUND=(${R[@]+"${R[@]}"})
if [[ ${#ACLS_FOUND[@]} != 0 ]]; then
  IDS=''
  for ((i = 0; i + 2 < ${#ACLS_FOUND[@]}; i += 3)); do
    IDS+=",${ACLS_FOUND[i + 1]}"
  done
  q ec2 describe-network-acls --filters "Name=vpc-id,Values=${IDS#,}" \
    --query {ACL_ASSOC}
  for ((i = 0; i + 2 < ${#ACLS_FOUND[@]}; i += 3)); do
    default=null
    for ((j = 0; j + 2 < ${#R[@]}; j += 3)); do
      if [[ ${R[j]} == default && ${R[j + 1]} == "${ACLS_FOUND[i + 1]}" ]]; then
        default=${R[j + 2]}
      fi
    done
    for ((j = 0; j + 2 < ${#R[@]}; j += 3)); do
      if [[ ${R[j]} != default && ${R[j + 2]} == "${ACLS_FOUND[i]}" ]]; then
        tolerate InvalidAssociationID.NotFound aws ec2 replace-network-acl-association \
          --association-id "${R[j]}" --network-acl-id "$default" >/dev/null
        printf '  moved %s to the default network ACL %s\n' "${R[j + 1]}" "$default"
      fi
    done
    tolerate InvalidNetworkAclID.NotFound aws ec2 delete-network-acl --network-acl-id "${ACLS_FOUND[i]}"
    gone 'network acl' "${ACLS_FOUND[i]}" "${ACLS_FOUND[i + 2]}"
  done
fi

# --- NAT gateways -----------------------------------------------------------------
phase 'nat gateways'
q ec2 describe-nat-gateways --filter Name=state,Values=pending,available,deleting \
  --query {NAT}
none_found
NATS=()
for ((i = 0; i + 2 < ${#R[@]}; i += 3)); do
  if [[ ${R[i + 1]} != deleting ]]; then
    tolerate NatGatewayNotFound aws ec2 delete-nat-gateway --nat-gateway-id "${R[i]}" >/dev/null
  fi
  NATS+=("${R[i]}")
  gone 'nat gateway' "${R[i]}" "${R[i + 2]}"
done
if [[ ${#NATS[@]} != 0 ]]; then
  echo "  waiting until the NAT gateways are deleted (usually about a minute) ..."
  aws ec2 wait nat-gateway-deleted --nat-gateway-ids "${NATS[@]}"
fi

# --- Elastic IPs ------------------------------------------------------------------
phase 'elastic ips'
q ec2 describe-addresses --filters {TAGGED} \
  --query {EIP}
none_found
for ((i = 0; i + 2 < ${#R[@]}; i += 3)); do
  if [[ ${R[i + 1]} != null ]]; then
    tolerate InvalidAssociationID.NotFound aws ec2 disassociate-address --association-id "${R[i + 1]}"
  fi
  tolerate InvalidAllocationID.NotFound aws ec2 release-address --allocation-id "${R[i]}"
  gone 'elastic ip' "${R[i]}" "${R[i + 2]}"
done

# --- Internet gateways ------------------------------------------------------------
phase 'internet gateways'
q ec2 describe-internet-gateways --filters {TAGGED} \
  --query {IGW}
none_found
for ((i = 0; i + 2 < ${#R[@]}; i += 3)); do
  if [[ ${R[i + 1]} != null ]]; then
    tolerate Gateway.NotAttached aws ec2 detach-internet-gateway \
      --internet-gateway-id "${R[i]}" --vpc-id "${R[i + 1]}"
  fi
  tolerate InvalidInternetGatewayID.NotFound aws ec2 delete-internet-gateway --internet-gateway-id "${R[i]}"
  gone 'internet gateway' "${R[i]}" "${R[i + 2]}"
done

# --- Subnets ----------------------------------------------------------------------
phase 'subnets'
q ec2 describe-subnets --filters {TAGGED} \
  --query {SUBNET}
none_found
for ((i = 0; i + 1 < ${#R[@]}; i += 2)); do
  tolerate InvalidSubnetID.NotFound aws ec2 delete-subnet --subnet-id "${R[i]}"
  gone subnet "${R[i]}" "${R[i + 1]}"
done

# --- VPCs -------------------------------------------------------------------------
phase 'vpcs'
q ec2 describe-vpcs --filters {TAGGED} \
  --query {VPC}
none_found
for ((i = 0; i + 1 < ${#R[@]}; i += 2)); do
  tolerate InvalidVpcID.NotFound aws ec2 delete-vpc --vpc-id "${R[i]}"
  gone vpc "${R[i]}" "${R[i + 1]}"
done
"#;
