namespace TrustMetrics.Clv;

/// <summary>A purchase model the holdout scorecard can fit and score.</summary>
public enum HoldoutModel
{
    /// <summary>BG/NBD (Fader, Hardie &amp; Lee 2005), <see cref="BgNbdFitter"/>.</summary>
    BgNbd = 0,

    /// <summary>MBG/NBD (Batislam, Denizel &amp; Filiztekin 2007), <see cref="MbgNbdFitter"/>.</summary>
    MbgNbd = 1,

    /// <summary>Pareto/NBD (Schmittlein, Morrison &amp; Colombo 1987), <see cref="ParetoNbdFitter"/>.</summary>
    ParetoNbd = 2,
}
