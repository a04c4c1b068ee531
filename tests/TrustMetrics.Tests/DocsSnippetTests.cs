using System.Text.RegularExpressions;

namespace TrustMetrics.Tests;

/// <summary>
/// The docs' C# examples are compiled: a ```csharp block preceded by <c>&lt;!-- snippet: samples/FILE.cs#REGION --&gt;</c> must
/// equal the body of <c>#region REGION</c> in that file-based app (indentation removed), and CI builds and runs every
/// samples/*.cs (.ci/run). The block's leading <c>using</c> lines must be usings of the sample file, since a region inside a
/// method cannot hold them. Every family page listed in <see cref="FamilyPages"/> must have at least one such block.
/// See docs/index.md, "How the docs' examples are checked".
/// </summary>
public partial class DocsSnippetTests
{
    /// <summary>Pages that must show a compiled example; a new family adds its page here.</summary>
    public static TheoryData<string> FamilyPages => new() { "nps", "csat", "ces", "intervals", "churn", "retention-sbg", "survival", "clv", "trust-index", "voice-of-customer", "distributed" };

    public static TheoryData<string, int, string, string> Snippets()
    {
        var data = new TheoryData<string, int, string, string>();
        foreach (var (page, line, file, region) in FindSnippets())
        {
            data.Add(page, line, file, region);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FamilyPages))]
    public void Every_family_page_has_a_compiled_example(string page)
    {
        Assert.Contains(FindSnippets(), s => s.Page == page + ".md");
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_equals_its_region_in_the_samples(string page, int line, string file, string region)
    {
        var docLines = File.ReadAllLines(Path.Combine(Root, "docs", page));
        Assert.True(line + 1 < docLines.Length && docLines[line + 1].Trim() == "```csharp",
            $"docs/{page}:{line + 1}: the snippet marker must be followed by a ```csharp line.");
        var block = docLines.Skip(line + 2).TakeWhile(l => l.Trim() != "```").ToList();

        string samplePath = Path.Combine(Root, file);
        Assert.True(File.Exists(samplePath), $"docs/{page}:{line + 1}: {file} does not exist.");
        var sample = File.ReadAllLines(samplePath);
        var sampleUsings = sample.Select(l => l.Trim()).Where(l => l.StartsWith("using ", StringComparison.Ordinal)).ToHashSet();

        var usings = block.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal) || l.Trim().Length == 0).ToList();
        foreach (string @using in usings.Where(u => u.Trim().Length > 0))
        {
            Assert.True(sampleUsings.Contains(@using.Trim()), $"docs/{page}: '{@using.Trim()}' is not a using of {file}.");
        }

        var expected = Normalize(block.Skip(usings.Count));
        var actual = Normalize(Region(sample, region, file));
        Assert.True(expected == actual,
            $"docs/{page}:{line + 1} differs from {file}#{region}; copy the region into the page (or the page into the region).\n" +
            $"--- docs ---\n{expected}\n--- {file} ---\n{actual}");
    }

    [Fact]
    public void Region_names_are_unique_within_each_sample()
    {
        foreach (string file in Directory.GetFiles(Path.Combine(Root, "samples"), "*.cs"))
        {
            var names = File.ReadLines(file).Select(l => RegionStart().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        }
    }

    private static string Root { get; } = FindRoot();

    private static List<(string Page, int Line, string File, string Region)> FindSnippets()
    {
        var snippets = new List<(string, int, string, string)>();
        foreach (string path in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(path);
            bool inFence = false; // a marker quoted inside a code block (as in docs/index.md) is not a marker
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    inFence = !inFence;
                    continue;
                }

                var match = Marker().Match(lines[i]);
                if (!inFence && match.Success)
                {
                    snippets.Add((Path.GetFileName(path), i, match.Groups[1].Value, match.Groups[2].Value));
                }
            }
        }

        return snippets;
    }

    private static IEnumerable<string> Region(string[] sample, string region, string file)
    {
        int start = Array.FindIndex(sample, l => RegionStart().Match(l) is { Success: true } m && m.Groups[1].Value == region);
        Assert.True(start >= 0, $"{file} has no '#region {region}'.");
        int end = Array.FindIndex(sample, start + 1, l => l.Trim().StartsWith("#endregion", StringComparison.Ordinal));
        Assert.True(end > start, $"{file}#{region} has no #endregion.");
        var body = sample[(start + 1)..end];
        int indent = body.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return body.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart());
    }

    private static string Normalize(IEnumerable<string> lines) =>
        string.Join("\n", lines.Select(l => l.TrimEnd())).Trim('\n');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrustMetrics.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TrustMetrics.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\s*<!--\s*snippet:\s*(samples/[\w.-]+\.cs)#([\w-]+)\s*-->\s*$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^\s*#region\s+([\w-]+)\s*$")]
    private static partial Regex RegionStart();
}
