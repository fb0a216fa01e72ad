# Self-hosting: docker build -t themewatch . && docker run -p 8501:8501 themewatch
# Optional: -e THEMEWATCH_PASSWORD=... to require a password,
#           -v /data/news:/corpus -e THEMEWATCH_CORPORA=/corpus to offer a server corpus.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md requirements.txt requirements.lock ./
COPY metrics ./metrics
COPY dashboard ./dashboard
COPY seeds ./seeds
COPY .streamlit/config.toml ./.streamlit/config.toml
RUN pip install -c requirements.lock . \
    && useradd --create-home --uid 1000 themewatch \
    && chown -R themewatch /app
USER themewatch

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"
CMD ["streamlit", "run", "dashboard/serve.py", "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true"]
