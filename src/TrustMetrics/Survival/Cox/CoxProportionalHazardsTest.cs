using System.Collections.ObjectModel;

namespace TrustMetrics.Survival;

/// <summary>
/// The proportional-hazards test of a Cox fit, as R <c>cox.zph(fit)</c> (survival 3.x, transform = "km"): for each term, the
/// score test of γ = 0 in the model extended by x·g(t) at (β̂, γ = 0), g(t) = 1 − KM(t−) (the pooled Kaplan–Meier just before
/// t) centred by its mean over the event rows; the statistic uᵀI⁻¹u uses the extended information over β and that term's γ
/// (df = the term's number of columns, so a factor is one term with df = levels − 1); the global test uses all γ (df = p).
/// A small p-value says the hazard ratio of that term changes over time.
/// </summary>
public sealed class CoxProportionalHazardsTest
{
    internal CoxProportionalHazardsTest(string[] terms, CoxTest[] tests, CoxTest global)
    {
        Terms = new ReadOnlyCollection<string>(terms);
        Tests = Array.AsReadOnly(tests);
        Global = global;
    }

    /// <summary>The term names (a factor's name once).</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>One test per term, in <see cref="Terms"/> order.</summary>
    public IReadOnlyList<CoxTest> Tests { get; }

    /// <summary>The global test over all terms.</summary>
    public CoxTest Global { get; }

    /// <summary>"PH test: global χ² = 12.3 on 7 df, p = 0.09" (invariant culture).</summary>
    public override string ToString() => $"PH test: global {Global}";
}
