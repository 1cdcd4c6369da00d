//! The random source and the shape of one generated lead.
//!
//! Distributions follow real CRM exports: skewed industries and countries,
//! log-normal company sizes, titles from intern to chief, a few popular
//! technologies, recent activity, and absent or null fields.

/// SplitMix64: small, fast, and the same everywhere.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn below(&mut self, bound: u64) -> u64 {
        if bound == 0 { 0 } else { self.next() % bound }
    }

    pub fn choose<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    /// An item with weight 1/(rank+1)^skew.
    pub fn skewed<'a>(&mut self, items: &[&'a str], skew: f64) -> &'a str {
        let total: f64 = (0..items.len())
            .map(|rank| 1.0 / ((rank + 1) as f64).powf(skew))
            .sum();
        let mut target = self.unit() * total;
        for (rank, item) in items.iter().enumerate() {
            target -= 1.0 / ((rank + 1) as f64).powf(skew);
            if target <= 0.0 {
                return item;
            }
        }
        items[items.len() - 1]
    }

    pub fn exponential(&mut self, mean: f64) -> f64 {
        -mean * (1.0 - self.unit()).ln()
    }

    pub fn log_normal(&mut self, mu: f64, sigma: f64) -> f64 {
        let normal =
            (-2.0 * (1.0 - self.unit()).ln()).sqrt() * (std::f64::consts::TAU * self.unit()).cos();
        (mu + sigma * normal).exp()
    }
}

pub const INDUSTRIES: &[&str] = &[
    "Software",
    "Information Technology",
    "Financial Services",
    "Healthcare",
    "Retail",
    "Manufacturing",
    "Education",
    "Marketing & Advertising",
    "Internet",
    "Computer & Network Security",
    "Real Estate",
    "Construction",
    "Insurance",
    "Telecommunications",
    "Management Consulting",
    "Banking",
    "Logistics",
    "Automotive",
    "Non-Profit",
    "Media Production",
    "Hospitality",
    "Pharmaceuticals",
    "Biotechnology",
    "Legal Services",
    "Accounting",
    "Oil & Energy",
    "Semiconductors",
    "Gaming",
    "Agriculture",
];
pub const COUNTRIES: &[&str] = &[
    "US", "GB", "DE", "CA", "FR", "IN", "AU", "NL", "BR", "ES", "IT", "SE", "JP", "SG", "IE", "CH",
    "IL", "MX", "PL", "DK", "NO", "FI", "BE", "AT", "NZ", "ZA", "AE", "KR", "PT", "CN", "RU", "IR",
    "CU", "KP", "SY",
];
const CITIES: &[&str] = &[
    "San Francisco",
    "New York",
    "Austin",
    "London",
    "Berlin",
    "München",
    "Paris",
    "Toronto",
    "Zürich",
    "São Paulo",
];
const NAME_A: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Nova",
    "Quantum",
    "Apex",
    "Summit",
    "Cloud",
    "Data",
    "Müller",
    "Nørd",
    "Société",
    "Atlas",
    "Falcon",
];
const NAME_B: &[&str] = &[
    "works",
    "labs",
    "ly",
    "ify",
    " Systems",
    "tech",
    "soft",
    "hub",
    " Analytics",
    " Health",
    " Capital",
    " Group",
    " Networks",
    "forge",
];
const SUFFIX: &[&str] = &[
    "", "", " Inc", " Inc.", " LLC", " Ltd", " GmbH", " S.A.", " Corp.", " & Co.",
];
const FIRST: &[&str] = &[
    "james", "mary", "wei", "priya", "ana", "jose", "lucas", "sofia", "yuki", "fatima", "omar",
    "lena", "jonas", "chen", "maria", "pierre",
];
const LAST: &[&str] = &[
    "smith", "johnson", "garcia", "miller", "lee", "patel", "kumar", "wang", "kim", "nguyen",
    "schmidt", "dubois", "rossi", "silva", "tanaka", "murphy",
];
const PERSONAL: &[&str] = &["gmail.com", "yahoo.com", "outlook.com", "proton.me"];
const EDU: &[&str] = &["stanford.edu", "mit.edu", "berkeley.edu", "nyu.edu"];
pub const DEPARTMENTS: &[&str] = &[
    "Sales",
    "Engineering",
    "Marketing",
    "IT",
    "Operations",
    "Finance",
    "Product",
    "Executive",
    "Human Resources",
    "Customer Success",
    "Legal",
];
const LEVELS: &[&str] = &[
    "",
    "",
    "",
    "Senior ",
    "Junior ",
    "Lead ",
    "Manager, ",
    "Director of ",
    "Head of ",
    "VP of ",
    "VP, ",
    "SVP ",
    "Chief ",
    "Intern, ",
];
const ROLES: &[&str] = &[
    "Specialist",
    "Analyst",
    "Engineer",
    "Representative",
    "Coordinator",
    "Associate",
];
const CXO: &[&str] = &[
    "CEO",
    "CTO",
    "CFO",
    "CMO",
    "COO",
    "Founder",
    "Co-Founder & CEO",
    "Owner",
    "President",
    "Chief Revenue Officer",
];
pub const TECH: &[&str] = &[
    "AWS",
    "Google Workspace",
    "Slack",
    "Salesforce",
    "HubSpot",
    "Microsoft 365",
    "Google Analytics",
    "Stripe",
    "Snowflake",
    "Zendesk",
    "Intercom",
    "Marketo",
    "Pipedrive",
    "Zoho CRM",
    "Okta",
    "Datadog",
    "GitHub",
    "Jira",
    "Notion",
    "Figma",
    "Shopify",
    "Kubernetes",
    "Terraform",
    "PostgreSQL",
    "MongoDB",
    "Segment",
    "Gong",
    "Outreach",
];
pub const FUNDING: &[&str] = &[
    "Bootstrapped",
    "Seed",
    "Series A",
    "Series B",
    "Public",
    "Private Equity",
    "Series C",
    "Pre-Seed",
    "Acquired",
    "Series D+",
];
const CHANNELS: &[&str] = &[
    "organic",
    "paid_search",
    "paid_social",
    "webinar",
    "event",
    "referral",
    "outbound",
];
const TAGS: &[&str] = &[
    "mql",
    "sql",
    "nurture",
    "abm",
    "enterprise",
    "smb",
    "trial",
    "demo-requested",
];

pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "company",
    "domain",
    "email",
    "industry",
    "employees",
    "revenue",
    "country",
    "city",
    "title",
    "department",
    "tech",
    "funding_stage",
    "founded",
    "last_activity",
    "web_visits_30d",
    "email_opens_30d",
    "is_customer",
    "phone",
    "created_at",
    "owner_id",
    "tags",
    "source_channel",
    "enrichment_confidence",
];

/// One field value as it is written.
enum Value {
    Text(String),
    Int(i64),
    Bool(bool),
    List(Vec<&'static str>),
    /// JSON written as is (nested objects); not in CSV.
    Object(String),
    Null,
}

/// A generated lead: its fields in output order (absent ones left out).
pub struct Lead(Vec<(&'static str, Value)>);

const REFERENCE_DAY: i64 = 20_269; // 2025-06-30

impl Lead {
    pub fn generate(random: &mut Random, index: u64) -> Lead {
        let industry = random.skewed(INDUSTRIES, 0.9);
        let country = random.skewed(COUNTRIES, 1.1);
        let employees = (random.log_normal(3.9, 1.9).round() as i64).clamp(1, 500_000);
        let revenue = ((employees as f64 * random.log_normal(150_000f64.ln(), 0.7)) / 1000.0)
            .round() as i64
            * 1000;
        let name = format!("{}{}", random.choose(NAME_A), random.choose(NAME_B));
        let domain = format!(
            "{}{}",
            name.to_lowercase().replace(' ', ""),
            if industry == "Education" {
                ".edu"
            } else {
                ".com"
            }
        );
        let (first, last) = (random.choose(FIRST), random.choose(LAST));
        let email = match random.below(20) {
            0 => format!("{first}.{last}@{}", random.choose(PERSONAL)),
            1 => format!("{first}{last}@{}", random.choose(EDU)),
            _ => format!("{first}.{last}@{domain}"),
        };
        let department = random.skewed(DEPARTMENTS, 0.7);
        let title = match random.below(12) {
            0 => random.choose(CXO).to_owned(),
            _ => format!(
                "{}{department} {}",
                random.choose(LEVELS),
                random.choose(ROLES)
            ),
        };
        let tech_count = (random.exponential(4.0) as usize).min(12);
        let mut tech: Vec<&str> = Vec::new();
        for _ in 0..tech_count + 3 {
            let pick = random.skewed(TECH, 0.8);
            if tech.len() < tech_count && !tech.contains(&pick) {
                tech.push(pick);
            }
        }
        let days_ago = (random.exponential(75.0) as i64).min(540);
        let date = |days: i64| icpc::date::format((REFERENCE_DAY - days) as i32);
        let channel = random.choose(CHANNELS);
        let mut fields = vec![
            ("id", Value::Text(format!("L{index:08}"))),
            (
                "company",
                Value::Text(format!("{name}{}", random.choose(SUFFIX))),
            ),
            ("domain", Value::Text(domain)),
            ("email", Value::Text(email)),
            ("industry", Value::Text(industry.to_owned())),
            ("employees", Value::Int(employees)),
            ("revenue", Value::Int(revenue)),
            ("country", Value::Text(country.to_owned())),
            ("city", Value::Text(random.choose(CITIES).to_owned())),
            ("title", Value::Text(title)),
            ("department", Value::Text(department.to_owned())),
            ("tech", Value::List(tech)),
            (
                "funding_stage",
                Value::Text(random.skewed(FUNDING, 0.6).to_owned()),
            ),
            (
                "founded",
                Value::Int(2025 - (random.exponential(15.0) as i64).min(170)),
            ),
            ("last_activity", Value::Text(date(days_ago))),
            (
                "web_visits_30d",
                Value::Int(if random.unit() < 0.7 {
                    random.exponential(8.0) as i64
                } else {
                    0
                }),
            ),
            (
                "email_opens_30d",
                Value::Int(if random.unit() < 0.6 {
                    random.exponential(3.0) as i64
                } else {
                    0
                }),
            ),
            ("is_customer", Value::Bool(random.unit() < 0.06)),
            (
                "phone",
                Value::Text(format!(
                    "+1-{:03}-555-{:04}",
                    200 + random.below(790),
                    random.below(10_000)
                )),
            ),
            (
                "created_at",
                Value::Text(format!(
                    "{}T{:02}:{:02}:00Z",
                    date(days_ago + random.exponential(200.0) as i64),
                    random.below(24),
                    random.below(60)
                )),
            ),
            ("owner_id", Value::Int(1000 + random.below(400) as i64)),
            (
                "tags",
                Value::List((0..random.below(4)).map(|_| random.choose(TAGS)).collect()),
            ),
            (
                "source",
                Value::Object(format!(
                    "{{\"channel\":\"{channel}\",\"campaign\":\"2025-{channel}-q{}\",\"utm\":{{\"source\":\"google\"}}}}",
                    1 + random.below(4)
                )),
            ),
            (
                "enrichment",
                Value::Object(format!(
                    "{{\"provider\":\"vendor_{}\",\"confidence\":0.{:02}}}",
                    random.below(4),
                    random.below(100)
                )),
            ),
        ];
        let missing = 0.04 + 0.08 * random.unit();
        for field in fields.iter_mut().skip(1) {
            if random.unit() < missing {
                field.1 = if random.unit() < 0.5 {
                    Value::Null
                } else {
                    Value::Object(String::new())
                };
            }
        }
        fields.retain(|(_, value)| !matches!(value, Value::Object(text) if text.is_empty()));
        Lead(fields)
    }

    pub fn json(&self, out: &mut Vec<u8>) {
        out.push(b'{');
        for (index, (name, value)) in self.0.iter().enumerate() {
            if index > 0 {
                out.push(b',');
            }
            out.extend_from_slice(format!("\"{name}\":").as_bytes());
            match value {
                Value::Text(text) => out.extend_from_slice(format!("{text:?}").as_bytes()),
                Value::Int(number) => out.extend_from_slice(number.to_string().as_bytes()),
                Value::Bool(value) => out.extend_from_slice(value.to_string().as_bytes()),
                Value::List(items) => out.extend_from_slice(format!("{items:?}").as_bytes()),
                Value::Object(text) => out.extend_from_slice(text.as_bytes()),
                Value::Null => out.extend_from_slice(b"null"),
            }
        }
        out.push(b'}');
    }

    pub fn csv(&self, out: &mut Vec<u8>) {
        for (index, column) in CSV_COLUMNS.iter().enumerate() {
            if index > 0 {
                out.push(b',');
            }
            let (name, key) = match column.split_once('_') {
                Some((name @ ("source" | "enrichment"), key)) => (name, Some(key)),
                Some(_) | None => (*column, None),
            };
            let cell = match (
                self.0
                    .iter()
                    .find(|(field, _)| *field == name)
                    .map(|(_, value)| value),
                key,
            ) {
                (Some(Value::Text(text)), _) => text.clone(),
                (Some(Value::Int(number)), _) => number.to_string(),
                (Some(Value::Bool(value)), _) => value.to_string(),
                (Some(Value::List(items)), _) => items.join(";"),
                (Some(Value::Object(text)), Some(key)) => object_value(text, key),
                (Some(Value::Object(_) | Value::Null) | None, _) => String::new(),
            };
            if cell.contains([',', '"']) {
                out.extend_from_slice(format!("\"{}\"", cell.replace('"', "\"\"")).as_bytes());
            } else {
                out.extend_from_slice(cell.as_bytes());
            }
        }
    }
}

/// The text of `"key":value` in a flat JSON object (enough for our own objects).
fn object_value(object: &str, key: &str) -> String {
    let Some(start) = object.find(&format!("\"{key}\":")) else {
        return String::new();
    };
    let rest = &object[start + key.len() + 3..];
    let end = rest.find([',', '}']).unwrap_or(rest.len());
    rest[..end].trim_matches('"').to_owned()
}
