//! The bash helper functions of the deploy script: progress, routes, associations,
//! network ACL entries and associations, security group rules and policy attachments.

/// The progress helper every deploy script has.
pub(super) const STEP: &str = r#"
# step WHAT: starts the progress line of the next step, "[n/N] WHAT ... ".
step() {
  STEP=$((STEP + 1))
  printf '[%d/%d] %s ... ' "$STEP" "$TOTAL" "$1"
}
"#;

/// Helper functions emitted only when the body calls them, by name.
pub(super) const HELPERS: &[(&str, &str)] = &[
    (
        "changed",
        r#"# changed N VERB: ends a step line with "VERB N", or "exists" when N is 0.
changed() {
  if [[ $1 == 0 ]]; then
    echo exists
  else
    echo "$2 $1"
  fi
}
"#,
    ),
    (
        "attach",
        r#"# attach ROLE ARN ATTACHED: attaches the managed policy to the role unless ATTACHED
# is true, counting attachments in N.
attach() {
  if [[ $3 != true ]]; then
    aws iam attach-role-policy --role-name="$1" --policy-arn "$2"
    N=$((N + 1))
  fi
}
"#,
    ),
    (
        "route_to",
        r#"# route_to TABLE DESTINATION OPTION TARGET NOW: makes the table send DESTINATION to
# TARGET (OPTION: --gateway-id or --nat-gateway-id). NOW is where the route points
# today (null: there is no such route).
route_to() {
  if [[ $5 == "$4" ]]; then
    echo exists
  elif [[ $5 == null ]]; then
    aws ec2 create-route --route-table-id "$1" --destination-cidr-block "$2" "$3" "$4" >/dev/null
    echo created
  else
    aws ec2 replace-route --route-table-id "$1" --destination-cidr-block "$2" "$3" "$4"
    echo "replaced (was $5)"
  fi
}
"#,
    ),
    (
        "associate",
        r#"# associate SUBNET TABLE: associates the subnet with the route table unless it is
# already; a subnet associated with another table is moved. ASSOC holds the known
# associations as (subnet, table, association id) triples.
associate() {
  local i table=null id=null
  for ((i = 0; i + 2 < ${#ASSOC[@]}; i += 3)); do
    if [[ ${ASSOC[i]} == "$1" ]]; then
      table=${ASSOC[i + 1]} id=${ASSOC[i + 2]}
    fi
  done
  if [[ $table == "$2" ]]; then
    echo "exists $id"
  elif [[ $table == null ]]; then
    id=$(aws ec2 associate-route-table --subnet-id "$1" --route-table-id "$2" --query AssociationId --output text)
    echo "created $id"
  else
    id=$(aws ec2 replace-route-table-association --association-id "$id" --route-table-id "$2" --query NewAssociationId --output text)
    echo "moved from $table: $id"
  fi
}
"#,
    ),
    (
        "acl_entry",
        r#"# acl_entry ACL WANT NOW ENTRY: makes the network ACL's entry of ENTRY's number and
# direction what ENTRY (JSON) says. WANT is how describe-network-acls reports such an
# entry, NOW how it reports the ACL's entry today (null: there is none).
acl_entry() {
  if [[ $3 == "$2" ]]; then
    echo exists
  elif [[ $3 == null ]]; then
    aws ec2 create-network-acl-entry --network-acl-id "$1" --cli-input-json "$4"
    echo created
  else
    aws ec2 replace-network-acl-entry --network-acl-id "$1" --cli-input-json "$4"
    echo "replaced (was $3)"
  fi
}
"#,
    ),
    (
        "acl_associate",
        r#"# acl_associate SUBNET ACL: moves the subnet to the network ACL unless it is there
# already. A subnet always has exactly one ACL (at first its VPC's default ACL), so
# its association is replaced. ACL_ASSOC holds the associations as (subnet, ACL,
# association id) triples.
acl_associate() {
  local i acl=null id=null
  for ((i = 0; i + 2 < ${#ACL_ASSOC[@]}; i += 3)); do
    if [[ ${ACL_ASSOC[i]} == "$1" ]]; then
      acl=${ACL_ASSOC[i + 1]} id=${ACL_ASSOC[i + 2]}
    fi
  done
  if [[ $acl == "$2" ]]; then
    echo "exists $id"
  elif [[ $id == null ]]; then
    echo "no network ACL association found for subnet $1" >&2
    return 1
  else
    id=$(aws ec2 replace-network-acl-association --association-id "$id" --network-acl-id "$2" \
      --query NewAssociationId --output text)
    echo "associated $id (was on $acl)"
  fi
}
"#,
    ),
    (
        "has_rule",
        r#"# has_rule GROUP EGRESS PROTOCOL FROM TO PEER: whether RULES (six values per rule,
# as describe-security-group-rules reports them) holds that rule.
has_rule() {
  local i
  for ((i = 0; i + 5 < ${#RULES[@]}; i += 6)); do
    if [[ ${RULES[i]} == "$1" && ${RULES[i + 1]} == "$2" && ${RULES[i + 2]} == "$3" &&
      ${RULES[i + 3]} == "$4" && ${RULES[i + 4]} == "$5" && ${RULES[i + 5]} == "$6" ]]; then
      return 0
    fi
  done
  return 1
}

# authorize GROUP INBOUND OUTBOUND: adds missing rules (JSON permissions, each after
# a comma) to the group, one call per direction.
authorize() {
  if [[ -n $2 ]]; then
    aws ec2 authorize-security-group-ingress --group-id "$1" --ip-permissions "[${2#,}]" >/dev/null
  fi
  if [[ -n $3 ]]; then
    aws ec2 authorize-security-group-egress --group-id "$1" --ip-permissions "[${3#,}]" >/dev/null
  fi
}
"#,
    ),
];
