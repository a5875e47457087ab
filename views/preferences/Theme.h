#pragma once

#include <QPalette>
#include <QString>

namespace costscope::views {

// QSettings key of the colour theme: "system" (default), "light" or "dark".
inline constexpr char kThemeKey[] = "ui/theme";

// The stored theme, normalised ("system" when unset or unknown).
QString themeSetting();
// Applies a theme to the whole application at once: "light" and "dark" use the Fusion style
// with a light or dark palette, "system" restores the style and palette the application
// started with. Widgets get a PaletteChange, so the charts (ChartStyle) restyle themselves.
void applyTheme(const QString &theme);
// The theme applyTheme() last applied ("system" before any call).
QString appliedTheme();
// The dark palette applyTheme("dark") uses.
QPalette darkPalette();

} // namespace costscope::views
