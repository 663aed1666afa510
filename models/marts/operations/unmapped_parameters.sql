-- Every published parameter name and unit the grammar maps to nothing, with how many results
-- carry it: names with no known analyte, units that are not recognised, and NAL parameters in a
-- unit that cannot be compared with the NAL. The list to read when a new spelling appears.
with

mapped as (

    select * from {{ ref('int_parameters_mapped') }}

),

problems as (

    select
        source_dataset,
        parameter_raw,
        units_raw,
        row_count,
        nal_parameter,
        parameter_canonical,
        units_canonical,
        case when parameter_canonical is null then 'parameter' else 'unit' end as problem,
        case
            when parameter_canonical is null then parameter_reason
            else unit_reason
        end as reason
    from mapped
    where
        parameter_canonical is null
        or (is_nal_parameter and not is_nal_usable)
        or (units_raw is not null and units_canonical is null)

),

final as (

    select * from problems

)

select * from final
