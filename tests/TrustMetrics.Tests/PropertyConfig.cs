using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

// Every [Property] of this assembly gives up after MaxRejected discarded cases (.When(false)), so a property whose
// generated cases are mostly invalid fails with "Arguments exhausted after N tests" (N = the accepted ones) instead of
// passing on a handful of cases. FsCheck's own default is 1,000 discards for 100 tests, which lets 90 % discards pass.
[assembly: Properties(MaxRejected = TrustMetrics.Tests.PropertyConfig.MaxRejected)]

namespace TrustMetrics.Tests;

/// <summary>
/// The discard limit of the property tests (docs/api-conventions.md, Tests): discard invalid generated cases with
/// <c>.When(valid)</c>; a property fails when its discards reach its number of tests, i.e. when they outnumber the accepted
/// cases. The assembly-wide <c>[assembly: Properties(MaxRejected = 100)]</c> covers the default 100 tests; a property
/// that sets <c>MaxTest = N</c> sets <c>MaxRejected = N</c> too. FsCheck 3.6 prints no discard count on success; the
/// failure message "Arguments exhausted after N tests" is how discards are reported.
/// </summary>
public static class PropertyConfig
{
    /// <summary>FsCheck's default number of tests of a <c>[Property]</c>.</summary>
    public const int MaxTest = 100;

    /// <summary>Discards after which a property fails: as many as its tests.</summary>
    public const int MaxRejected = MaxTest;
}

public class PropertyConfigTests
{
    private static readonly Config Limited = Config.QuickThrowOnFailure.WithMaxTest(PropertyConfig.MaxTest).WithMaxRejected(PropertyConfig.MaxRejected);

    [Fact]
    public void The_assembly_limits_discards_to_the_number_of_tests()
    {
        var attribute = Assert.Single(typeof(PropertyConfig).Assembly.GetCustomAttributes(typeof(PropertiesAttribute), false).Cast<PropertiesAttribute>());
        Assert.Equal(PropertyConfig.MaxTest, attribute.MaxRejected);
    }

    [Fact]
    public void A_property_that_discards_most_cases_fails_naming_the_accepted_count()
    {
        // About 10 % of the generated integers are accepted, so 100 discards come long before 100 accepted cases.
        var property = Prop.ForAll(ArbMap.Default.ArbFor<int>(), x => (x % 10 == 0).When(x % 10 == 0));
        var e = Assert.ThrowsAny<Exception>(() => property.Check(Limited));
        Assert.Contains("Arguments exhausted after", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_property_that_discards_a_quarter_of_the_cases_passes()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<int>(), x => (x % 4 != 0).When(x % 4 != 0));
        property.Check(Limited);
    }
}
