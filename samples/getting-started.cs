#!/usr/bin/env dotnet
// The first program of docs/getting-started.md. Here it references the core project; in the page (and in
// scripts/library-user-check.sh, which CI runs on the packed packages) the same code references the TrustMetrics package,
// as a console app (`dotnet add package TrustMetrics`) and as a file-based app (`#:package TrustMetrics@0.1.0`).
//
//   dotnet run samples/getting-started.cs
//
// The region "first-result" is the C# example of docs/getting-started.md, kept identical by DocsSnippetTests (docs/index.md).
#:project ../src/TrustMetrics/TrustMetrics.csproj

using TrustMetrics.Nps;
using TrustMetrics.Scales;

#region first-result
var nps = new NpsCalculator();                         // 95 %, score interval
Console.WriteLine(nps.Calculate([10, 9, 9, 8, 7, 6, 3, 10]));

var csat = new CsatCalculator();                       // 1–5, satisfied = 4–5, Wilson interval
Console.WriteLine(csat.Calculate([5, 4, 4, 3, 5, 2, 4, 5, 3, 4]));
#endregion
