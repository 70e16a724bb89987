//! The wizard dialog: the console's "VPC and more" generator (AZ count, subnet sizes,
//! NAT strategy); the design it creates is a new design of the library.

use leptos::prelude::*;
use netwright_core::catalog;
use netwright_core::templates::{wizard, NatStrategy, WizardOptions};

use crate::dialog::Modal;
use crate::dialog::OpenDialog;
use crate::editor::use_editor;
use crate::library::use_library;

fn number_select(
    id: &'static str,
    label: &'static str,
    range: std::ops::RangeInclusive<u8>,
    value: RwSignal<u8>,
    fmt: fn(u8) -> String,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev).parse().unwrap_or(value.get_untracked()))>
                {range.map(|n| view! { <option value=n.to_string() selected=move || value.get() == n>{fmt(n)}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// The wizard dialog.
#[component]
pub fn WizardDialog() -> impl IntoView {
    let editor = use_editor();
    let library = use_library();
    let dialog = expect_context::<OpenDialog>().0;
    let d = WizardOptions::default();
    let name = RwSignal::new(d.name.clone());
    let region = RwSignal::new(editor.doc.with_untracked(|t| t.region.clone()));
    let vpc_cidr = RwSignal::new(d.vpc_cidr.clone());
    let azs = RwSignal::new(d.az_count);
    let public = RwSignal::new(d.public_per_az);
    let private = RwSignal::new(d.private_per_az);
    let public_prefix = RwSignal::new(d.public_prefix);
    let private_prefix = RwSignal::new(d.private_prefix);
    let nat = RwSignal::new("single".to_string());
    let options = Memo::new(move |_| WizardOptions {
        name: name.get(),
        region: region.get(),
        vpc_cidr: vpc_cidr.get(),
        az_count: azs.get(),
        public_per_az: public.get(),
        private_per_az: private.get(),
        public_prefix: public_prefix.get(),
        private_prefix: private_prefix.get(),
        nat: NatStrategy::parse(&nat.get()).unwrap_or_default(),
    });
    let result = Memo::new(move |_| {
        options
            .with(wizard)
            .map(|t| (t.subnets.len(), t.nat_gateways.len()))
            .map_err(|e| e.to_string())
    });
    let create = move |_| match options.with_untracked(wizard) {
        Ok(t) => {
            library.open_new(t, None, "New design from the wizard".into());
            dialog.set(None);
        }
        Err(e) => editor.error(e.to_string()),
    };
    let plain = |n: u8| n.to_string();
    let prefix = |n: u8| format!("/{n}");
    view! {
        <Modal title="New design: VPC and more" on_close=Callback::new(move |_| dialog.set(None))>
            <div class="wizard-grid">
                <div class="field">
                    <label for="wz-name">"Name"</label>
                    <input id="wz-name" type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="wz-region">"Region"</label>
                    <select id="wz-region" on:change=move |ev| region.set(event_target_value(&ev))>
                        {catalog::REGIONS.iter().map(|(r, n, label)| {
                            let r = r.to_string();
                            let sel = r == region.get_untracked();
                            view! { <option value=r.clone() selected=sel>{format!("{r} · {label} ({n} AZs)")}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="wz-cidr">"VPC IPv4 block"</label>
                    <input id="wz-cidr" type="text" class="mono" prop:value=move || vpc_cidr.get() on:input=move |ev| vpc_cidr.set(event_target_value(&ev))/>
                </div>
                {number_select("wz-azs", "Availability Zones", 1..=6, azs, plain)}
                {number_select("wz-public", "Public subnets per AZ", 0..=2, public, plain)}
                {number_select("wz-private", "Private subnets per AZ", 0..=2, private, plain)}
                {number_select("wz-public-prefix", "Public subnet size", 16..=28, public_prefix, prefix)}
                {number_select("wz-private-prefix", "Private subnet size", 16..=28, private_prefix, prefix)}
                <div class="field">
                    <label for="wz-nat">"NAT gateways"</label>
                    <select id="wz-nat" on:change=move |ev| nat.set(event_target_value(&ev))>
                        <option value="none">"None (private subnets isolated)"</option>
                        <option value="single" selected>"One, in the first AZ (cheapest)"</option>
                        <option value="per-az">"One per AZ (resilient)"</option>
                    </select>
                </div>
            </div>
            <p class="wizard-result" class:error=move || result.with(|r| r.is_err()) role="status">
                {move || match result.get() {
                    Ok((s, n)) => format!("Creates {s} subnets and {n} NAT gateway(s)."),
                    Err(e) => e,
                }}
            </p>
            <div class="modal-actions">
                <button class="btn" on:click=move |_| dialog.set(None)>"Cancel"</button>
                <button class="btn primary" disabled=move || result.with(|r| r.is_err()) on:click=create>"Create design"</button>
            </div>
        </Modal>
    }
}
