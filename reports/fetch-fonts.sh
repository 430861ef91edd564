#!/usr/bin/env bash
# Puts the CJK font that the reports embed in their PDFs into the build output.
#
#   fetch-fonts.sh CACHE_DIR OUTPUT_DIR
#
# Font: Noto Sans SC, regular (400) and bold (700). Copyright 2014-2021 Adobe, licensed under the
# SIL Open Font License 1.1 (OFL-1.1), whose text is shipped next to the fonts as NotoSansSC-OFL.txt.
# Taken from the npm package @expo-google-fonts/noto-sans-sc@0.4.3 (its code is MIT, its fonts OFL-1.1).
#
# The font files are never committed. The first build on a machine runs `npm pack` (npm checks the
# tarball against the registry's integrity hash) and keeps the files in CACHE_DIR, outside target/,
# so later builds, `mvn clean` and offline builds (-o) reuse them. Every file is checked against its
# pinned SHA-256 before it is used.
set -euo pipefail

cache=${1:?usage: fetch-fonts.sh CACHE_DIR OUTPUT_DIR}
out=${2:?usage: fetch-fonts.sh CACHE_DIR OUTPUT_DIR}
package='@expo-google-fonts/noto-sans-sc@0.4.3'

# name in the output → path inside the npm package, SHA-256
declare -A source=(
  [NotoSansSC_400Regular.ttf]=package/400Regular/NotoSansSC_400Regular.ttf
  [NotoSansSC_700Bold.ttf]=package/700Bold/NotoSansSC_700Bold.ttf
  [NotoSansSC-OFL.txt]=package/LICENSE_FONT
)
declare -A sha256=(
  [NotoSansSC_400Regular.ttf]=d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16
  [NotoSansSC_700Bold.ttf]=9a38ae0ab28cd5a256f9ea8e00dedc688aac17f7915fcb000572990afa956b96
  [NotoSansSC-OFL.txt]=1c05c68c34f9708415aada51f17e1b0092d2cea709bf4a94cd38114f9e73d7d9
)

valid() { # file expected-sha256
  [[ -f $1 ]] && [[ $(sha256sum "$1" | cut -d' ' -f1) == "$2" ]]
}

missing=()
for name in "${!source[@]}"; do
  valid "$cache/$name" "${sha256[$name]}" || missing+=("$name")
done

if ((${#missing[@]})); then
  command -v npm >/dev/null || { echo "fetch-fonts.sh: npm is needed once to fetch $package into $cache" >&2; exit 1; }
  mkdir -p "$cache"
  work=$(mktemp -d "$cache/.fetch.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  echo "fetch-fonts.sh: fetching $package into $cache (about 57 MB, once per machine)" >&2
  (cd "$work" && npm pack --silent "$package" >/dev/null)
  tarball=("$work"/*.tgz)
  for name in "${missing[@]}"; do
    tar -xzf "${tarball[0]}" -C "$work" "${source[$name]}"
    valid "$work/${source[$name]}" "${sha256[$name]}" \
      || { echo "fetch-fonts.sh: ${source[$name]} in $package has an unexpected SHA-256" >&2; exit 1; }
    # a rename within one file system: a concurrent build never sees a half-written file
    mv -f "$work/${source[$name]}" "$cache/$name"
  done
fi

mkdir -p "$out"
for name in "${!source[@]}"; do
  cmp -s "$cache/$name" "$out/$name" || cp -f "$cache/$name" "$out/$name"
done
