#!/usr/bin/env bash
# Checks docs/getting-started.md end to end on packed packages, as a library user would: a nuget.config with the local
# folder as a source, a console app with
# `dotnet add package TrustMetrics --version X`, and file-based apps with `#:package TrustMetrics@X` and
# `#:package TrustMetrics.Extensions.DependencyInjection@X`. The C# is the regions of samples/getting-started.cs and
# samples/dependency-injection.cs that the page shows. Everything happens in a temporary folder with its own NuGet
# package cache, so a package of the same version cached by an earlier run is never used.
#
#   dotnet pack -c Release -o ./packages && scripts/library-user-check.sh ./packages
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] && [ -d "$1" ] || { echo "usage: $0 PACKAGES_FOLDER" >&2; exit 2; }
packages=$(cd "$1" && pwd)
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
ls "$packages/TrustMetrics.$version.nupkg" "$packages/TrustMetrics.Extensions.DependencyInjection.$version.nupkg" > /dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES="$work/nuget-cache"


# nuget.config as in docs/getting-started.md: the folder is added to the configured sources.
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="trustmetrics-local" value="$packages" />
  </packageSources>
</configuration>
XML

echo "-- console app: dotnet new console, dotnet add package TrustMetrics --version $version"
(
  cd "$work"
  dotnet new console -o console-app > "$work/new.log" 2>&1 || { cat "$work/new.log"; exit 1; }
  cd console-app
  dotnet add package TrustMetrics --version "$version" > "$work/add.log" 2>&1 || { cat "$work/add.log"; exit 1; }
)
{ echo "using TrustMetrics.Nps;"; echo "using TrustMetrics.Scales;"; echo;
  sed -n '/#region first-result$/,/#endregion/{/#region\|#endregion/d;p}' samples/getting-started.cs; } > "$work/console-app/Program.cs"
(cd "$work/console-app" && dotnet run) > "$work/console.txt" 2>&1 || { cat "$work/console.txt"; exit 1; }
cat "$work/console.txt"

echo "-- file-based app: #:package TrustMetrics@$version"
mkdir -p "$work/file-app"
{ echo "#:package TrustMetrics@$version"; echo; echo "using TrustMetrics.Nps;"; echo "using TrustMetrics.Scales;"; echo;
  sed -n '/#region first-result$/,/#endregion/{/#region\|#endregion/d;p}' samples/getting-started.cs; } > "$work/file-app/first.cs"
(cd "$work/file-app" && dotnet run first.cs) > "$work/file.txt" 2>&1 || { cat "$work/file.txt"; exit 1; }
cmp -s "$work/console.txt" "$work/file.txt" || { cat "$work/file.txt"; echo "the file-based app printed something else" >&2; exit 1; }
echo "same output"

echo "-- file-based app with dependency injection: #:package TrustMetrics.Extensions.DependencyInjection@$version"
{ echo "#:package TrustMetrics.Extensions.DependencyInjection@$version"; echo "#:package Microsoft.Extensions.DependencyInjection@10.0.0"; echo;
  for u in Microsoft.Extensions.DependencyInjection Microsoft.Extensions.Options TrustMetrics TrustMetrics.Nps; do echo "using $u;"; done; echo;
  sed -n '/#region service-collection$/,/#endregion/{/#region\|#endregion/d;p}' samples/dependency-injection.cs | sed -E 's/^    //'; } > "$work/file-app/di.cs"
(cd "$work/file-app" && dotnet run di.cs) > "$work/di.txt" 2>&1 || { cat "$work/di.cs" "$work/di.txt"; exit 1; }
cat "$work/di.txt"
grep -q "^configured level: 0.99$" "$work/di.txt" || { echo "the DI app did not print the configured level" >&2; exit 1; }
source=$(sed -n 's/.*"source": *"\([^"]*\)".*/\1/p' "$NUGET_PACKAGES/trustmetrics/$version/.nupkg.metadata")
[ "$source" = "$packages" ] || [ "$source" = "$packages/" ] || { echo "TrustMetrics $version was restored from $source, not $packages" >&2; exit 1; }
echo "library user check: ok (TrustMetrics $version from $packages)"
