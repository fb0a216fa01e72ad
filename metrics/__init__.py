"""themewatch metrics: documents in, tidy tables of figures, themes and sentiment out."""
