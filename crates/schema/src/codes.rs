//! Country and currency codes, checked against maintained ISO tables
//! (rust_iso3166, rust_iso4217) rather than a hand-written list.

/// Whether `code` is an ISO 3166-1 alpha-3 country code.
pub fn is_country(code: &str) -> bool {
    code.len() == 3
        && code.bytes().all(|b| b.is_ascii_uppercase())
        && rust_iso3166::from_alpha3(code).is_some()
}

/// The ISO short name of a country code.
pub fn country_name(code: &str) -> Option<String> {
    rust_iso3166::from_alpha3(code).map(|c| c.name.to_string())
}

/// Whether `code` is an ISO 4217 currency code.
pub fn is_currency(code: &str) -> bool {
    // The ISO table lookup ignores case; files must use the canonical form.
    code.len() == 3
        && code.bytes().all(|b| b.is_ascii_uppercase())
        && rust_iso4217::from_code(code).is_some()
}

/// A suggestion for a mistyped country code: the code itself upper-cased,
/// an alpha-2 code's alpha-3 form, or a name's code.
pub fn suggest_country(code: &str) -> Option<String> {
    let up = code.to_ascii_uppercase();
    if is_country(&up) {
        return Some(up);
    }
    if let Some(c) = rust_iso3166::from_alpha2(&up) {
        return Some(c.alpha3.to_string());
    }
    if let Some(c) = rust_iso3166::ALL
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(code) || c.name.split(" (").next() == Some(code))
    {
        return Some(c.alpha3.to_string());
    }
    // An Olympic (IOC) or FIFA code where ISO differs (KYR for KGZ): a
    // common slip, and a typo-distance search would suggest a wrong country.
    if let Some((_, iso)) = IOC_TO_ISO.iter().find(|(ioc, _)| *ioc == up) {
        return Some((*iso).to_string());
    }
    // A typo of a code (KGS for KGZ): the closest alpha-3 code.
    crate::diag::did_you_mean(&up, rust_iso3166::ALL_ALPHA3.iter().copied()).map(str::to_string)
}

/// IOC country codes that are not the ISO 3166-1 alpha-3 code of the same
/// country, and are not an ISO code of another one.
const IOC_TO_ISO: &[(&str, &str)] = &[
    ("KYR", "KGZ"),
    ("BAN", "BGD"),
    ("SRI", "LKA"),
    ("NEP", "NPL"),
    ("IRI", "IRN"),
    ("MGL", "MNG"),
    ("UAE", "ARE"),
    ("KSA", "SAU"),
    ("KUW", "KWT"),
    ("BRN", "BHR"),
    ("OMA", "OMN"),
    ("LIB", "LBN"),
    ("PLE", "PSE"),
    ("MAS", "MYS"),
    ("INA", "IDN"),
    ("PHI", "PHL"),
    ("VIE", "VNM"),
    ("CAM", "KHM"),
    ("MYA", "MMR"),
    ("BHU", "BTN"),
    ("GER", "DEU"),
    ("NED", "NLD"),
    ("SUI", "CHE"),
    ("DEN", "DNK"),
    ("POR", "PRT"),
    ("GRE", "GRC"),
    ("CRO", "HRV"),
    ("SLO", "SVN"),
    ("BUL", "BGR"),
    ("LAT", "LVA"),
    ("RSA", "ZAF"),
    ("ALG", "DZA"),
    ("NGR", "NGA"),
    ("NIG", "NER"),
    ("ANG", "AGO"),
    ("ZIM", "ZWE"),
    ("ZAM", "ZMB"),
    ("MAD", "MDG"),
    ("SUD", "SDN"),
    ("CHA", "TCD"),
    ("TAN", "TZA"),
    ("GUI", "GIN"),
    ("GAM", "GMB"),
    ("TOG", "TGO"),
    ("BUR", "BFA"),
    ("MTN", "MRT"),
    ("CGO", "COG"),
    ("LBA", "LBY"),
    ("HAI", "HTI"),
    ("CHI", "CHL"),
    ("URU", "URY"),
    ("PAR", "PRY"),
    ("CRC", "CRI"),
    ("ESA", "SLV"),
    ("HON", "HND"),
    ("GUA", "GTM"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_codes_against_the_iso_tables() {
        assert!(is_country("KGZ") && is_country("BGD") && !is_country("KGS") && !is_country("kgz"));
        assert_eq!(country_name("KAZ").as_deref(), Some("Kazakhstan"));
        assert!(
            is_currency("USD") && is_currency("KZT") && !is_currency("XYZ") && !is_currency("usd")
        );
        assert_eq!(suggest_country("kaz").as_deref(), Some("KAZ"));
        assert_eq!(suggest_country("KG").as_deref(), Some("KGZ"));
        assert_eq!(suggest_country("Tajikistan").as_deref(), Some("TJK"));
        assert_eq!(suggest_country("KGS").as_deref(), Some("KGZ"));
        // The IOC code of Kyrgyzstan (issue 11).
        assert_eq!(suggest_country("KYR").as_deref(), Some("KGZ"));
        assert_eq!(suggest_country("GER").as_deref(), Some("DEU"));
    }
}
