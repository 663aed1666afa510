{#- An operator (company) key: every spelling of one company gets the same key, similar but
    different companies do not (docs: operator_key). The name is lower-cased; '&' becomes
    'and'; periods and apostrophes are dropped (L.L.C. -> llc, Joe's -> joes); any other
    punctuation becomes a space; spaces are collapsed; a leading 'the' and trailing legal-form
    tokens (var operator_legal_suffixes: inc, llc, corp, co, ...) are dropped, repeatedly, so
    'ABC Co., Inc.' and 'The ABC Company' agree. A name that is only a legal form keeps its
    text. NULL or blank names give NULL. The key is the md5 of the normalised text. -#}
{% macro operator_name_normalised(name_expression) -%}
    {%- set suffixes = var('operator_legal_suffixes') | join('|') -%}
    nullif(trim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        regexp_replace(regexp_replace(lower(trim({{ name_expression }})), '&', ' and ', 'g'),
            '[.''’`]', '', 'g'),
        '[^a-z0-9]+', ' ', 'g'),
        '^\s*the\s+', ''),
        '(\s+({{ suffixes }}))+\s*$', ''),
        '\s+', ' ', 'g')), '')
{%- endmacro %}

{% macro operator_key(name_expression) -%}
    md5({{ operator_name_normalised(name_expression) }})
{%- endmacro %}
