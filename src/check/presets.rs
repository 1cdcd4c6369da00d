//! Schema presets (`schema from hubspot_companies { ... }`): the column
//! names standard CRM exports use, so that a field declared under its usual
//! name (`employees`, `country`) is read from the export's column
//! ("Number of Employees", "Country/Region") without a `from` of its own.
//!
//! Each preset lists, per field name, the headers to look for in order:
//! the label of a report or list export first, then the API name that
//! Salesforce's Data Loader writes. A preset also names the id column, so
//! records are named by the CRM's id and join back on import. The tables
//! are documented in docs/crm.md; a test keeps the two in step.

/// A preset: its name and, per field name, the headers to look for.
pub struct Preset {
    /// As written after `schema from`.
    pub name: &'static str,
    /// What export it describes, for docs and suggestions.
    pub describes: &'static str,
    /// `(field, headers)`; `id` names the record.
    pub columns: &'static [(&'static str, &'static [&'static str])],
}

impl Preset {
    /// The headers a field of this name is read from, if the preset knows it.
    pub fn columns(&self, field: &str) -> Option<&'static [&'static str]> {
        self.columns
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, headers)| *headers)
    }
}

/// The preset called `name`.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|preset| preset.name == name)
}

/// Every preset, in the order docs list them.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "hubspot_contacts",
        describes: "a HubSpot contacts export",
        columns: &[
            ("id", &["Record ID"]),
            ("first_name", &["First Name"]),
            ("last_name", &["Last Name"]),
            ("email", &["Email"]),
            ("phone", &["Phone Number"]),
            ("title", &["Job Title"]),
            ("company", &["Company Name"]),
            ("industry", &["Industry"]),
            ("employees", &["Number of Employees"]),
            ("revenue", &["Annual Revenue"]),
            ("country", &["Country/Region"]),
            ("state", &["State/Region"]),
            ("city", &["City"]),
            ("lifecycle_stage", &["Lifecycle Stage"]),
            ("lead_status", &["Lead Status"]),
            ("owner", &["Contact owner"]),
            ("created", &["Create Date"]),
            ("last_activity", &["Last Activity Date"]),
            ("notes", &["Notes"]),
        ],
    },
    Preset {
        name: "hubspot_companies",
        describes: "a HubSpot companies export",
        columns: &[
            ("id", &["Record ID"]),
            ("name", &["Company name"]),
            ("domain", &["Company Domain Name"]),
            ("industry", &["Industry"]),
            ("employees", &["Number of Employees"]),
            ("revenue", &["Annual Revenue"]),
            ("country", &["Country/Region"]),
            ("state", &["State/Region"]),
            ("city", &["City"]),
            ("phone", &["Phone Number"]),
            ("type", &["Type"]),
            ("lifecycle_stage", &["Lifecycle Stage"]),
            ("owner", &["Company owner"]),
            ("created", &["Create Date"]),
            ("last_activity", &["Last Activity Date"]),
            ("tech", &["Web Technologies"]),
            ("description", &["Description"]),
        ],
    },
    Preset {
        name: "salesforce_contacts",
        describes: "a Salesforce contacts report or Data Loader export",
        columns: &[
            ("id", &["Contact ID", "Id"]),
            ("first_name", &["First Name", "FirstName"]),
            ("last_name", &["Last Name", "LastName"]),
            ("email", &["Email"]),
            ("phone", &["Phone"]),
            ("title", &["Title"]),
            ("company", &["Account Name", "Account.Name"]),
            ("country", &["Mailing Country", "MailingCountry"]),
            ("state", &["Mailing State/Province", "MailingState"]),
            ("city", &["Mailing City", "MailingCity"]),
            ("lead_source", &["Lead Source", "LeadSource"]),
            ("owner", &["Contact Owner", "Owner.Name"]),
            ("created", &["Created Date", "CreatedDate"]),
            ("last_activity", &["Last Activity", "LastActivityDate"]),
            ("description", &["Description"]),
        ],
    },
    Preset {
        name: "salesforce_accounts",
        describes: "a Salesforce accounts report or Data Loader export",
        columns: &[
            ("id", &["Account ID", "Id"]),
            ("name", &["Account Name", "Name"]),
            ("industry", &["Industry"]),
            ("employees", &["Employees", "NumberOfEmployees"]),
            ("revenue", &["Annual Revenue", "AnnualRevenue"]),
            ("country", &["Billing Country", "BillingCountry"]),
            ("state", &["Billing State/Province", "BillingState"]),
            ("city", &["Billing City", "BillingCity"]),
            ("type", &["Type"]),
            ("website", &["Website"]),
            ("phone", &["Phone"]),
            ("rating", &["Rating"]),
            ("owner", &["Account Owner", "Owner.Name"]),
            ("created", &["Created Date", "CreatedDate"]),
            ("last_activity", &["Last Activity", "LastActivityDate"]),
            ("description", &["Description"]),
        ],
    },
];
