#!/usr/bin/env bash
# Packs the trustmetrics tool the way `dotnet tool install` serves it, and optionally installs it from there.
#
#   scripts/pack-tool.sh FEED [TOOL_PATH [PORTABLE_TOOL_PATH]]
#
# src/TrustMetrics.Cli/TrustMetrics.Cli.csproj declares ToolPackageRuntimeIdentifiers=linux-x64;any with PublishAot (SDK 10
# RID-specific tools, https://learn.microsoft.com/dotnet/core/tools/rid-specific-tools). Three packages go into FEED:
#   TrustMetrics.Cli            the pointer package `dotnet tool install TrustMetrics.Cli` resolves first;
#   TrustMetrics.Cli.linux-x64  the Native AOT binary (packed only on an x64 Linux host: AOT compiles for the host);
#   TrustMetrics.Cli.any        the portable (JIT) tool every other platform with the .NET 10 runtime gets.
# With TOOL_PATH, the tool is then installed there with `dotnet tool install --tool-path` from FEED alone, through an empty
# package cache so a package of the same version cached earlier is never used, and the script prints which kind it got.
# With PORTABLE_TOOL_PATH, TrustMetrics.Cli.any is also installed there by its own id, so the portable tool can be run and
# timed on this machine too.
set -euo pipefail
[ $# -ge 1 ] && [ $# -le 3 ] || { echo "usage: $0 FEED [TOOL_PATH [PORTABLE_TOOL_PATH]]" >&2; exit 1; }
mkdir -p "$1"
feed=$(cd "$1" && pwd)
tool_path=${2:+$(mkdir -p "$2" && cd "$2" && pwd)}
portable_path=${3:+$(mkdir -p "$3" && cd "$3" && pwd)}
cd "$(dirname "$0")/.."
project=src/TrustMetrics.Cli
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
log=$(mktemp)
cache=$(mktemp -d)
trap 'rm -rf "$log" "$cache"' EXIT
step() { "$@" > "$log" 2>&1 || { tail -n 30 "$log"; echo "failed: $*" >&2; exit 2; }; }

step dotnet pack "$project" -c Release -o "$feed"
if [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ]; then
  step dotnet pack "$project" -c Release -r linux-x64 -o "$feed"
else
  echo "not an x64 Linux host: TrustMetrics.Cli.linux-x64 (Native AOT) not packed" >&2
fi
step dotnet pack "$project" -c Release -r any -p:PublishAot=false -o "$feed"
ls "$feed"/TrustMetrics.Cli*."$version".nupkg

if [ -n "$tool_path" ]; then
  rm -rf "$tool_path"
  NUGET_PACKAGES="$cache" step dotnet tool install TrustMetrics.Cli --version "$version" --tool-path "$tool_path" --add-source "$feed"
  case "$(readlink -f "$tool_path/trustmetrics")" in
    */trustmetrics.cli.linux-x64/*) echo "installed $tool_path/trustmetrics: Native AOT (TrustMetrics.Cli.linux-x64 $version)" ;;
    *) echo "installed $tool_path/trustmetrics: portable (TrustMetrics.Cli.any $version)" ;;
  esac
fi
if [ -n "$portable_path" ]; then
  rm -rf "$portable_path"
  NUGET_PACKAGES="$cache" step dotnet tool install TrustMetrics.Cli.any --version "$version" --tool-path "$portable_path" --add-source "$feed"
  echo "installed $portable_path/trustmetrics: portable (TrustMetrics.Cli.any $version)"
fi
