using TrustMetrics.Presentation;

namespace TrustMetrics.Clv;

/// <summary>
/// One customer's value profile (<see cref="ValueSegmenter"/>): RFM score and segment, predicted CLV, P(alive), past value x·m̄ and
/// tier ("vip", "at-risk vip", "other"). Immutable.
/// </summary>
public sealed class CustomerValue
{
    internal CustomerValue(RfmScore rfm, double clv, double probabilityAlive, double pastValue, string tier)
    {
        Rfm = rfm;
        Clv = clv;
        ProbabilityAlive = probabilityAlive;
        PastValue = pastValue;
        Tier = tier;
    }

    /// <summary>RFM quintile scores, code and named segment.</summary>
    public RfmScore Rfm { get; }

    /// <summary>Predicted discounted CLV over the horizon (<see cref="CustomerLifetimeValue.Discounted"/> with the Gamma–Gamma expected spend × margin).</summary>
    public double Clv { get; }

    /// <summary>P(alive | x, t_x, T) of the purchase model.</summary>
    public double ProbabilityAlive { get; }

    /// <summary>Past repeat spend x·m̄.</summary>
    public double PastValue { get; }

    /// <summary>"vip" (top share of predicted CLV), "at-risk vip" (top share of past value with P(alive) below the threshold, not VIP), or "other".</summary>
    public string Tier { get; }

    /// <summary>"553 (champions), vip, CLV 412.30, P(alive) 0.93" (invariant culture).</summary>
    public override string ToString() =>
        $"{Rfm}, {Tier}, CLV {InvariantText.Number(Clv, "0.00")}, P(alive) {InvariantText.Number(ProbabilityAlive, "0.00")}";
}
