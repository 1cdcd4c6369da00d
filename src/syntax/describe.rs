//! Words for grammar rules, so syntax errors never show internal names.
//!
//! Both matches are exhaustive: a new grammar rule does not compile until
//! it has a description and a token classification.

use super::Rule;

/// Whether a rule is a keyword or punctuation token the lowering skips.
pub fn is_token(grammar_rule: Rule) -> bool {
    describe_token(grammar_rule).is_some()
}

/// What the user should have written, e.g. "an operator"; grouped so that
/// an error lists a few readable alternatives.
pub fn describe(grammar_rule: Rule) -> &'static str {
    if let Some(token) = describe_token(grammar_rule) {
        return token;
    }
    match grammar_rule {
        Rule::item
        | Rule::include
        | Rule::segment
        | Rule::schema
        | Rule::score_decl
        | Rule::group_decl
        | Rule::let_decl
        | Rule::tier
        | Rule::rule_decl
        | Rule::example
        | Rule::as_of => "a declaration",
        Rule::record => "a record like `{employees: 200}`",
        Rule::entry => "a field and its value",
        Rule::expectation
        | Rule::expect_no_tier
        | Rule::expect_tier
        | Rule::expect_disqualified
        | Rule::expect_fires
        | Rule::expect_segment
        | Rule::expect_score => "an outcome like `tier A`",
        Rule::rule_ref => "a rule name",
        Rule::EOI => "the end of the declaration",
        Rule::field_decl => "a field declaration",
        Rule::fixed_mark => "`fixed`",
        Rule::type_name => "a type",
        Rule::cap_bound => "a bound like `at most 30`",
        Rule::cap_word => "`at most` or `at least`",
        Rule::schema_preset => "a preset like `from hubspot_companies`",
        Rule::field_source => "a column like `from \"Number of Employees\"`",
        Rule::field_format => "a format like `format \"MM/DD/YYYY\"`",
        Rule::otherwise => "`otherwise`",
        Rule::score_change | Rule::effect => "a score change like `fit +10`",
        Rule::sign => "`+` or `-`",
        Rule::amount => "a number",
        Rule::disqualify => "`disqualify`",
        Rule::condition
        | Rule::conjunction
        | Rule::negation
        | Rule::not_op
        | Rule::group
        | Rule::test => "a condition",
        Rule::name_ref | Rule::ident | Rule::list_name | Rule::pattern_name => "a name",
        Rule::field_path => "a field name",
        Rule::list_ref => "a list",
        Rule::digits => "a number",
        Rule::ident_char | Rule::keyword => "a name",
        Rule::WHITESPACE | Rule::COMMENT => "a space",
        Rule::compare
        | Rule::compare_op
        | Rule::in_list
        | Rule::not_in
        | Rule::range
        | Rule::has_quantified
        | Rule::has
        | Rule::text_any
        | Rule::text_test
        | Rule::text_op
        | Rule::matches
        | Rule::is_test
        | Rule::within => "an operator",
        Rule::quantifier => "`any` or `all`",
        Rule::presence => "`missing` or `present`",
        Rule::days => "`days`",
        Rule::list | Rule::list_items => "a list",
        Rule::value | Rule::date | Rule::number | Rule::boolean | Rule::bare_word => "a value",
        Rule::bound => "a number or date",
        Rule::string | Rule::string_body => "a quoted string",
        Rule::regex | Rule::regex_body => "a regex like `/vp|head/i`",
        Rule::regex_flags => "regex flags",
        Rule::kw_schema
        | Rule::kw_from
        | Rule::kw_format
        | Rule::kw_score
        | Rule::kw_let
        | Rule::kw_rule
        | Rule::kw_tier
        | Rule::kw_otherwise
        | Rule::kw_disqualify
        | Rule::kw_or
        | Rule::kw_and
        | Rule::kw_not
        | Rule::kw_in
        | Rule::kw_has
        | Rule::kw_matches
        | Rule::kw_is
        | Rule::kw_within
        | Rule::kw_group
        | Rule::kw_any
        | Rule::kw_example
        | Rule::kw_no
        | Rule::kw_disqualified
        | Rule::kw_fires
        | Rule::kw_as_of
        | Rule::kw_include
        | Rule::kw_segment
        | Rule::arrow
        | Rule::colon
        | Rule::comma
        | Rule::equals
        | Rule::dot_dot
        | Rule::open_brace
        | Rule::close_brace
        | Rule::open_bracket
        | Rule::close_bracket
        | Rule::open_paren
        | Rule::close_paren
        | Rule::open_angle
        | Rule::close_angle => "a token",
    }
}

fn describe_token(grammar_rule: Rule) -> Option<&'static str> {
    Some(match grammar_rule {
        Rule::kw_schema => "`schema`",
        Rule::kw_from => "`from`",
        Rule::kw_format => "`format`",
        Rule::kw_score => "`score`",
        Rule::kw_let => "`let`",
        Rule::kw_rule => "`rule`",
        Rule::kw_tier => "`tier`",
        Rule::kw_otherwise => "`otherwise`",
        Rule::kw_disqualify => "`disqualify`",
        Rule::kw_or => "`or`",
        Rule::kw_and => "`and`",
        Rule::kw_not => "`not`",
        Rule::kw_in => "an operator",
        Rule::kw_has => "an operator",
        Rule::kw_matches => "an operator",
        Rule::kw_is => "an operator",
        Rule::kw_within => "an operator",
        Rule::kw_any => "`any`",
        Rule::kw_group => "`group`",
        Rule::kw_example => "`example`",
        Rule::kw_no => "`no`",
        Rule::kw_disqualified => "`disqualified`",
        Rule::kw_fires => "`fires`",
        Rule::kw_as_of => "`as_of`",
        Rule::kw_include => "`include`",
        Rule::kw_segment => "`segment`",
        Rule::arrow => "`=>`",
        Rule::colon => "`:`",
        Rule::comma => "`,`",
        Rule::equals => "`=`",
        Rule::dot_dot => "`..`",
        Rule::open_brace => "`{`",
        Rule::close_brace => "`}`",
        Rule::open_bracket => "`[`",
        Rule::close_bracket => "`]`",
        Rule::open_paren => "`(`",
        Rule::close_paren => "`)`",
        Rule::open_angle => "`<`",
        Rule::close_angle => "`>`",
        Rule::item
        | Rule::EOI
        | Rule::schema
        | Rule::schema_preset
        | Rule::field_decl
        | Rule::field_source
        | Rule::field_format
        | Rule::fixed_mark
        | Rule::type_name
        | Rule::score_decl
        | Rule::let_decl
        | Rule::tier
        | Rule::otherwise
        | Rule::rule_decl
        | Rule::example
        | Rule::record
        | Rule::entry
        | Rule::expectation
        | Rule::expect_no_tier
        | Rule::expect_tier
        | Rule::expect_disqualified
        | Rule::expect_fires
        | Rule::expect_segment
        | Rule::rule_ref
        | Rule::expect_score
        | Rule::as_of
        | Rule::include
        | Rule::segment
        | Rule::score_change
        | Rule::group_decl
        | Rule::cap_bound
        | Rule::cap_word
        | Rule::effect
        | Rule::sign
        | Rule::amount
        | Rule::disqualify
        | Rule::condition
        | Rule::conjunction
        | Rule::negation
        | Rule::not_op
        | Rule::group
        | Rule::name_ref
        | Rule::test
        | Rule::compare
        | Rule::compare_op
        | Rule::in_list
        | Rule::not_in
        | Rule::range
        | Rule::has_quantified
        | Rule::quantifier
        | Rule::has
        | Rule::text_any
        | Rule::text_test
        | Rule::text_op
        | Rule::matches
        | Rule::is_test
        | Rule::presence
        | Rule::within
        | Rule::days
        | Rule::list
        | Rule::list_items
        | Rule::list_name
        | Rule::pattern_name
        | Rule::value
        | Rule::bound
        | Rule::date
        | Rule::number
        | Rule::boolean
        | Rule::bare_word
        | Rule::string
        | Rule::string_body
        | Rule::regex
        | Rule::regex_body
        | Rule::regex_flags
        | Rule::ident
        | Rule::field_path
        | Rule::list_ref
        | Rule::digits
        | Rule::ident_char
        | Rule::keyword
        | Rule::WHITESPACE
        | Rule::COMMENT => return None,
    })
}
