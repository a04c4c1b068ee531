using TrustMetrics.Clv;
using TrustMetrics.Statistics;

namespace TrustMetrics.Churn;

/// <summary>
/// The shifted-beta-geometric retention model with time-invariant customer covariates, fitted to individual customers
/// (<see cref="ShiftedBetaGeometricCovariateFitter"/>). Implementations are stateless and thread-safe.
/// </summary>
public interface IRetentionCovariateModel
{
    /// <summary>Fits α, β and the covariates' coefficients by maximum likelihood and tests them against the sBG without covariates.</summary>
    /// <param name="periods">Per customer: the period in which they churned (≥ 1) or, still active, the periods renewed so far (≥ 0).</param>
    /// <param name="churned">Per customer: true if they churned in <paramref name="periods"/>[i], false if still active (censored).</param>
    /// <param name="covariates">One row per customer, in the same order.</param>
    /// <param name="options">Gradient tolerance and interval level; the penalizer must be 0. Null uses <see cref="ClvFitOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the fit between likelihood evaluations.</param>
    /// <param name="maxDegreeOfParallelism">Threads the likelihood sums may use: null = all cores, 1 = serial; ≥ 1.</param>
    /// <returns>The fit with standard errors and the likelihood-ratio test.</returns>
    /// <exception cref="ArgumentException">The counts differ, a period is out of range (named by index), nobody churned, nobody renewed, or the penalizer is not 0.</exception>
    ShiftedBetaGeometricCovariateFit Fit(IReadOnlyList<int> periods, IReadOnlyList<bool> churned, CovariateMatrix covariates, ClvFitOptions? options = null,
        CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null);
}

/// <summary>
/// The sBG with time-invariant covariates in pymc-marketing's parameterisation (<c>ShiftedBetaGeoModel</c> with
/// <c>dropout_covariate_cols</c>, pymc-marketing 0.17; adapted there from Fader &amp; Hardie 2007, "Incorporating time-invariant
/// covariates into the Pareto/NBD and BG/NBD models", note 019 p. 2): customer i's churn probability is Beta(α_i, β_i) with
/// α_i = α·e^{−γ_αᵀz_i} and β_i = β·e^{−γ_βᵀz_i}, two coefficient vectors, so a covariate can move the mean churn probability
/// α_i/(α_i + β_i) as well as its spread. (The CLVTools BG/NBD form a_i, b_i = a, b·e^{γᵀz_i} with one vector would keep the mean
/// churn probability fixed and let covariates change only the spread, which is not what a churn covariate is asked to do.)
/// Each customer's likelihood is Fader &amp; Hardie (2007)'s P(T = t) (churned in period t) or S(t) (active after t periods) at
/// their own α_i, β_i; without covariates it equals <see cref="ShiftedBetaGeometric"/>'s cohort likelihood for the same customers.
/// The fit without covariates is maximised first (from α = β = 1), then the full model from it with γ = 0, both by damped Newton
/// steps on the exact Hessian (the machinery of the CLV covariate fits); the likelihood-ratio test has df = 2p. Stateless and
/// thread-safe.
/// </summary>
public sealed class ShiftedBetaGeometricCovariateFitter : IRetentionCovariateModel
{
    /// <inheritdoc/>
    public ShiftedBetaGeometricCovariateFit Fit(IReadOnlyList<int> periods, IReadOnlyList<bool> churned, CovariateMatrix covariates, ClvFitOptions? options = null,
        CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(churned);
        ArgumentNullException.ThrowIfNull(covariates);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        var o = options ?? ClvFitOptions.Default;
        if (o.Penalizer != 0)
        {
            throw new ArgumentException($"options.Penalizer = {Guard.Format(o.Penalizer)}: fits with covariates are unpenalised (the likelihood-ratio test needs the plain maximum likelihood); use penalizer 0.", nameof(options));
        }

        int n = periods.Count;
        if (churned.Count != n)
        {
            throw new ArgumentException($"periods has {n} customers but churned has {churned.Count}; give one flag per customer.", nameof(churned));
        }

        if (covariates.CustomerCount != n)
        {
            throw new ArgumentException($"periods has {n} customers but covariates has {covariates.CustomerCount} rows; give one covariate row per customer, in the same order.", nameof(covariates));
        }

        var t = new int[n];
        var c = new bool[n];
        bool anyChurn = false, anyRenewal = false;
        for (int i = 0; i < n; i++)
        {
            t[i] = periods[i];
            c[i] = churned[i];
            if (t[i] < (c[i] ? 1 : 0))
            {
                throw new ArgumentOutOfRangeException(nameof(periods), t[i],
                    c[i] ? $"periods[{i}] = {t[i]}: a customer who churned did so in period 1 or later." : $"periods[{i}] = {t[i]} is negative.");
            }

            anyChurn |= c[i];
            anyRenewal |= t[i] >= (c[i] ? 2 : 1);
        }

        if (!anyChurn)
        {
            throw new ArgumentException("No customer churned: the sBG's α has no finite estimate (α → 0, nobody ever leaves).", nameof(churned));
        }

        if (!anyRenewal)
        {
            throw new ArgumentException("No customer renewed even once: the sBG's β has no finite estimate (everyone leaves in period 1).", nameof(periods));
        }

        var empty = CovariateMatrix.WithConstantColumns([], new double[n, 0]);
        var plain = CovariateNewton.Maximise(new ShiftedBetaGeometricCovariateLikelihood(t, c, empty), [0.0, 0.0], n, o.GradientTolerance, "Newton from α = β = 1", work);
        int p = covariates.Count;
        var start = new double[2 + (2 * p)];
        start[0] = plain.Theta[0];
        start[1] = plain.Theta[1];
        var full = p == 0
            ? plain
            : CovariateNewton.Maximise(new ShiftedBetaGeometricCovariateLikelihood(t, c, covariates), start, n, o.GradientTolerance, "Newton from the fit without covariates", work);
        if (!double.IsFinite(full.LogLikelihood))
        {
            throw new InvalidOperationException("The sBG fit with covariates failed: the log-likelihood is not finite at the fit without covariates.");
        }

        double level = o.ConfidenceLevel;
        var coefficients = CovariateNewton.Coefficients(full, 2, ["alpha", "beta"], covariates.Names, level);
        var ratio = CovariateNewton.Ratio(full.LogLikelihood, plain.LogLikelihood, 2 * p);
        return new ShiftedBetaGeometricCovariateFit(CovariateNewton.LogScaleEstimate(full, 0, level), CovariateNewton.LogScaleEstimate(full, 1, level),
            coefficients, full.Theta, full.LogLikelihood, n, ratio, full.Convergence);
    }
}
