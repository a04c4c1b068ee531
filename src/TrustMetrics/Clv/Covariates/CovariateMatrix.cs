using System.Globalization;

namespace TrustMetrics.Clv;

/// <summary>
/// Time-invariant covariates z_i of the customers of a covariate fit (<see cref="IClvCovariateFitter"/>): one row per customer (in
/// the order of the purchase histories), one named column per covariate. Categorical covariates enter as 0/1 treatment contrasts
/// built by the caller (the CLI's <c>--categorical</c> does it). Every value must be finite, names non-empty and distinct, and no
/// column constant: a constant column is confounded with the model's scale parameter (α_i = α·e^{−γc} only rescales α), so its
/// coefficient is not identified. Zero columns (the model without covariates) are allowed. Immutable.
/// </summary>
public sealed class CovariateMatrix
{
    private readonly string[] names;
    private readonly double[] values;

    /// <summary>Builds the matrix from named columns and a customers × covariates array.</summary>
    /// <param name="names">The covariate names (terms), one per column of <paramref name="values"/>; non-empty, distinct.</param>
    /// <param name="values">values[i, j] = covariate j of customer i; finite; no column constant; at least one row.</param>
    /// <exception cref="ArgumentNullException">An argument or a name is null.</exception>
    /// <exception cref="ArgumentException">The widths differ, a name is empty or repeated, there are no rows, or a column is constant (named).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite (named by row and column).</exception>
    public CovariateMatrix(IReadOnlyList<string> names, double[,] values)
        : this(names, values, checkConstant: true)
    {
    }

    private CovariateMatrix(IReadOnlyList<string> names, double[,] values, bool checkConstant)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        int n = values.GetLength(0), p = values.GetLength(1);
        if (names.Count != p)
        {
            throw new ArgumentException($"names has {names.Count} entries but values has {p} columns; give one name per column.", nameof(names));
        }

        if (n == 0)
        {
            throw new ArgumentException("values has no rows; give one row per customer.", nameof(values));
        }

        this.names = new string[p];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int j = 0; j < p; j++)
        {
            string name = names[j] ?? throw new ArgumentNullException(nameof(names), $"names[{j}] is null.");
            Guard.NotEmpty(name, nameof(names));
            if (!seen.Add(name))
            {
                throw new ArgumentException($"names[{j}] = \"{name}\" is repeated; covariate names must be distinct.", nameof(names));
            }

            this.names[j] = name;
        }

        this.values = new double[n * p];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                double v = values[i, j];
                if (!double.IsFinite(v))
                {
                    throw new ArgumentOutOfRangeException(nameof(values), v,
                        string.Create(CultureInfo.InvariantCulture, $"values[{i}, {j}] (customer {i}, covariate \"{this.names[j]}\") must be a finite number; got {Guard.Format(v)}."));
                }

                this.values[(i * p) + j] = v;
            }
        }

        for (int j = 0; j < p && checkConstant; j++)
        {
            double first = this.values[j];
            bool constant = true;
            for (int i = 1; i < n && constant; i++)
            {
                constant = this.values[(i * p) + j] == first;
            }

            if (constant)
            {
                throw new ArgumentException(
                    $"Covariate \"{this.names[j]}\" is constant ({Guard.Format(first)} for every customer): its coefficient is confounded with the model's scale parameter and not identified; leave it out.",
                    nameof(values));
            }
        }

        CustomerCount = n;
    }

    /// <summary>The covariate names (the terms of the coefficients), in column order.</summary>
    public IReadOnlyList<string> Names => names;

    /// <summary>Number of customers (rows).</summary>
    public int CustomerCount { get; }

    /// <summary>Number of covariates (columns), p.</summary>
    public int Count => names.Length;

    /// <summary>Covariate <paramref name="column"/> of customer <paramref name="customer"/>.</summary>
    /// <param name="customer">Row, 0 ≤ customer &lt; <see cref="CustomerCount"/>.</param>
    /// <param name="column">Column, 0 ≤ column &lt; <see cref="Count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public double this[int customer, int column]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(customer);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(customer, CustomerCount);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Count);
            return values[(customer * names.Length) + column];
        }
    }

    /// <summary>"CovariateMatrix(1,000 customers × 2: channel=web, age)" (invariant culture).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"CovariateMatrix({CustomerCount:N0} customers × {Count}{(Count > 0 ? ": " + string.Join(", ", names) : string.Empty)})");

    /// <summary>A matrix that may hold constant columns (tests of the likelihood at all-zero z); finite values still checked.</summary>
    internal static CovariateMatrix WithConstantColumns(IReadOnlyList<string> names, double[,] values) => new(names, values, checkConstant: false);

    /// <summary>The row of one customer (no copy).</summary>
    internal ReadOnlySpan<double> Row(int customer) => values.AsSpan(customer * names.Length, names.Length);

    /// <summary>
    /// One customer's covariates given to a fit (<c>ModelFor</c>, <c>ParametersFor</c>), checked: exactly <paramref name="count"/>
    /// finite values, copied in order.
    /// </summary>
    /// <exception cref="ArgumentException">The length differs from <paramref name="count"/> or a value is not finite (named by index).</exception>
    internal static double[] CheckedRow(IReadOnlyList<double> covariates, int count, string paramName)
    {
        ArgumentNullException.ThrowIfNull(covariates, paramName);
        if (covariates.Count != count)
        {
            throw new ArgumentException($"{paramName} has {covariates.Count} values; this fit has {count} covariates.", paramName);
        }

        var z = new double[count];
        for (int j = 0; j < count; j++)
        {
            z[j] = covariates[j];
            if (!double.IsFinite(z[j]))
            {
                throw new ArgumentOutOfRangeException(paramName, z[j], $"{paramName}[{j}] must be a finite number; got {Guard.Format(z[j])}.");
            }
        }

        return z;
    }
}
