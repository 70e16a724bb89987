//! One whole entity of any kind, and the list operations edits are built from.

use crate::model::{
    EntityKind, EntityRef, IamRole, Id, InternetGateway, NatGateway, NetworkAcl, RouteTable,
    SecurityGroup, Subnet, Tags, Topology, Vpc, Workload,
};

/// A whole entity of one kind, as stored in a [`Topology`] list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entity {
    /// A VPC.
    Vpc(Vpc),
    /// A subnet.
    Subnet(Subnet),
    /// An internet gateway.
    InternetGateway(InternetGateway),
    /// A NAT gateway.
    NatGateway(NatGateway),
    /// A route table.
    RouteTable(RouteTable),
    /// A network ACL.
    NetworkAcl(NetworkAcl),
    /// A security group.
    SecurityGroup(SecurityGroup),
    /// A workload.
    Workload(Workload),
    /// An IAM role.
    IamRole(IamRole),
}

macro_rules! each_kind {
    ($self:expr, $e:ident => $body:expr) => {
        match $self {
            Entity::Vpc($e) => $body,
            Entity::Subnet($e) => $body,
            Entity::InternetGateway($e) => $body,
            Entity::NatGateway($e) => $body,
            Entity::RouteTable($e) => $body,
            Entity::NetworkAcl($e) => $body,
            Entity::SecurityGroup($e) => $body,
            Entity::Workload($e) => $body,
            Entity::IamRole($e) => $body,
        }
    };
}

impl Entity {
    /// The entity's kind.
    pub fn kind(&self) -> EntityKind {
        match self {
            Entity::Vpc(_) => EntityKind::Vpc,
            Entity::Subnet(_) => EntityKind::Subnet,
            Entity::InternetGateway(_) => EntityKind::InternetGateway,
            Entity::NatGateway(_) => EntityKind::NatGateway,
            Entity::RouteTable(_) => EntityKind::RouteTable,
            Entity::NetworkAcl(_) => EntityKind::NetworkAcl,
            Entity::SecurityGroup(_) => EntityKind::SecurityGroup,
            Entity::Workload(_) => EntityKind::Workload,
            Entity::IamRole(_) => EntityKind::IamRole,
        }
    }

    /// The entity's stable id.
    pub fn id(&self) -> &Id {
        each_kind!(self, e => &e.id)
    }

    /// The entity's name.
    pub fn name(&self) -> &str {
        each_kind!(self, e => &e.name)
    }

    /// Gives the entity a new id (for duplicates).
    pub fn set_id(&mut self, id: Id) {
        each_kind!(self, e => e.id = id)
    }

    /// The entity's extra tags.
    pub fn tags(&self) -> &Tags {
        each_kind!(self, e => &e.tags)
    }

    /// The entity's extra tags, to change.
    pub fn tags_mut(&mut self) -> &mut Tags {
        each_kind!(self, e => &mut e.tags)
    }

    /// Gives the entity a new name.
    pub fn set_name(&mut self, name: String) {
        each_kind!(self, e => e.name = name)
    }

    /// A reference to this entity.
    pub fn as_ref(&self) -> EntityRef {
        EntityRef::new(self.kind(), self.id())
    }

    /// A copy of the entity `r` points at, with its position in its list.
    ///
    /// ```
    /// use netwright_core::{edit::Entity, model::{EntityKind, EntityRef}, Id};
    /// let t = netwright_core::templates::smartinvoice();
    /// let (i, e) = Entity::get(&t, &EntityRef::new(EntityKind::Vpc, &Id::new("vpc"))).unwrap();
    /// assert_eq!((i, e.name()), (0, "smartinvoice-vpc"));
    /// ```
    pub fn get(t: &Topology, r: &EntityRef) -> Option<(usize, Entity)> {
        fn find<T: Clone>(list: &[T], id: impl Fn(&T) -> bool) -> Option<(usize, T)> {
            list.iter().position(id).map(|i| (i, list[i].clone()))
        }
        let id = &r.id;
        match r.kind {
            EntityKind::Vpc => find(&t.vpcs, |e| &e.id == id).map(|(i, e)| (i, Entity::Vpc(e))),
            EntityKind::Subnet => {
                find(&t.subnets, |e| &e.id == id).map(|(i, e)| (i, Entity::Subnet(e)))
            }
            EntityKind::InternetGateway => find(&t.internet_gateways, |e| &e.id == id)
                .map(|(i, e)| (i, Entity::InternetGateway(e))),
            EntityKind::NatGateway => {
                find(&t.nat_gateways, |e| &e.id == id).map(|(i, e)| (i, Entity::NatGateway(e)))
            }
            EntityKind::RouteTable => {
                find(&t.route_tables, |e| &e.id == id).map(|(i, e)| (i, Entity::RouteTable(e)))
            }
            EntityKind::NetworkAcl => {
                find(&t.network_acls, |e| &e.id == id).map(|(i, e)| (i, Entity::NetworkAcl(e)))
            }
            EntityKind::SecurityGroup => find(&t.security_groups, |e| &e.id == id)
                .map(|(i, e)| (i, Entity::SecurityGroup(e))),
            EntityKind::Workload => {
                find(&t.workloads, |e| &e.id == id).map(|(i, e)| (i, Entity::Workload(e)))
            }
            EntityKind::IamRole => {
                find(&t.iam_roles, |e| &e.id == id).map(|(i, e)| (i, Entity::IamRole(e)))
            }
            EntityKind::Design => None,
        }
    }

    /// Inserts the entity at `index` of its list (clamped to the list's length).
    pub(crate) fn insert_into(self, t: &mut Topology, index: usize) {
        match self {
            Entity::Vpc(e) => insert(&mut t.vpcs, index, e),
            Entity::Subnet(e) => insert(&mut t.subnets, index, e),
            Entity::InternetGateway(e) => insert(&mut t.internet_gateways, index, e),
            Entity::NatGateway(e) => insert(&mut t.nat_gateways, index, e),
            Entity::RouteTable(e) => insert(&mut t.route_tables, index, e),
            Entity::NetworkAcl(e) => insert(&mut t.network_acls, index, e),
            Entity::SecurityGroup(e) => insert(&mut t.security_groups, index, e),
            Entity::Workload(e) => insert(&mut t.workloads, index, e),
            Entity::IamRole(e) => insert(&mut t.iam_roles, index, e),
        }
    }

    /// Replaces the stored entity with the same kind and id; returns the old value.
    pub(crate) fn replace_in(self, t: &mut Topology) -> Option<Entity> {
        fn swap<T>(list: &mut [T], id: impl Fn(&T) -> bool, new: T) -> Option<T> {
            let i = list.iter().position(id)?;
            Some(std::mem::replace(&mut list[i], new))
        }
        let id = self.id().clone();
        match self {
            Entity::Vpc(e) => swap(&mut t.vpcs, |x| x.id == id, e).map(Entity::Vpc),
            Entity::Subnet(e) => swap(&mut t.subnets, |x| x.id == id, e).map(Entity::Subnet),
            Entity::InternetGateway(e) => {
                swap(&mut t.internet_gateways, |x| x.id == id, e).map(Entity::InternetGateway)
            }
            Entity::NatGateway(e) => {
                swap(&mut t.nat_gateways, |x| x.id == id, e).map(Entity::NatGateway)
            }
            Entity::RouteTable(e) => {
                swap(&mut t.route_tables, |x| x.id == id, e).map(Entity::RouteTable)
            }
            Entity::NetworkAcl(e) => {
                swap(&mut t.network_acls, |x| x.id == id, e).map(Entity::NetworkAcl)
            }
            Entity::SecurityGroup(e) => {
                swap(&mut t.security_groups, |x| x.id == id, e).map(Entity::SecurityGroup)
            }
            Entity::Workload(e) => swap(&mut t.workloads, |x| x.id == id, e).map(Entity::Workload),
            Entity::IamRole(e) => swap(&mut t.iam_roles, |x| x.id == id, e).map(Entity::IamRole),
        }
    }
}

fn insert<T>(list: &mut Vec<T>, index: usize, item: T) {
    let i = index.min(list.len());
    list.insert(i, item);
}

/// Removes the entity of `kind` at `index`.
pub(crate) fn remove_at(t: &mut Topology, kind: EntityKind, index: usize) -> Option<Entity> {
    fn take<T>(list: &mut Vec<T>, index: usize) -> Option<T> {
        (index < list.len()).then(|| list.remove(index))
    }
    match kind {
        EntityKind::Vpc => take(&mut t.vpcs, index).map(Entity::Vpc),
        EntityKind::Subnet => take(&mut t.subnets, index).map(Entity::Subnet),
        EntityKind::InternetGateway => {
            take(&mut t.internet_gateways, index).map(Entity::InternetGateway)
        }
        EntityKind::NatGateway => take(&mut t.nat_gateways, index).map(Entity::NatGateway),
        EntityKind::RouteTable => take(&mut t.route_tables, index).map(Entity::RouteTable),
        EntityKind::NetworkAcl => take(&mut t.network_acls, index).map(Entity::NetworkAcl),
        EntityKind::SecurityGroup => take(&mut t.security_groups, index).map(Entity::SecurityGroup),
        EntityKind::Workload => take(&mut t.workloads, index).map(Entity::Workload),
        EntityKind::IamRole => take(&mut t.iam_roles, index).map(Entity::IamRole),
        EntityKind::Design => None,
    }
}
