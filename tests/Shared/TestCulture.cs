using System.Globalization;

namespace TrustMetrics.Testing;

/// <summary>
/// Runs test code under another culture (the culture-invariance checks: output must not change with the thread's culture) and
/// restores the thread's culture and UI culture afterwards, whatever happens. Linked into every test project.
/// </summary>
internal static class TestCulture
{
    /// <summary>Runs <paramref name="action"/> with <see cref="CultureInfo.CurrentCulture"/> and <see cref="CultureInfo.CurrentUICulture"/> set to <paramref name="name"/>.</summary>
    public static T Run<T>(string name, Func<T> action) => Run(CultureInfo.GetCultureInfo(name), action);

    /// <summary>Runs <paramref name="action"/> with the current culture and UI culture set to <paramref name="culture"/>.</summary>
    public static T Run<T>(CultureInfo culture, Func<T> action)
    {
        var (saved, savedUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }

    /// <summary>Runs <paramref name="action"/> with the current culture and UI culture set to <paramref name="name"/>.</summary>
    public static void Run(string name, Action action) => Run(name, () =>
    {
        action();
        return 0;
    });
}
