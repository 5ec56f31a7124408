{{/*
Shared names, labels and pod pieces for the Parley chart.
*/}}

{{- define "parley.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name, truncated to 63 characters (the DNS label limit).
*/}}
{{- define "parley.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "parley.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "parley.selectorLabels" -}}
app.kubernetes.io/name: {{ include "parley.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The API pods' selector; the migration Job's pods share the instance labels but not the component.
*/}}
{{- define "parley.apiSelectorLabels" -}}
{{ include "parley.selectorLabels" . }}
app.kubernetes.io/component: api
{{- end }}

{{- define "parley.labels" -}}
helm.sh/chart: {{ include "parley.chart" . }}
{{ include "parley.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: parley
{{- end }}

{{- define "parley.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
The database Secret's name; rendering stops here when it is missing, so credentials never have
to be written into values.
*/}}
{{- define "parley.databaseSecret" -}}
{{- required "database.existingSecret is required: the name of a Secret holding the PostgreSQL URL (see values.yaml)" .Values.database.existingSecret }}
{{- end }}

{{/*
Environment shared by the API and the migration Job: the database URL from the Secret and the
PARLEY_* settings from values. Integers go through int64: YAML numbers reach templates as
floats, and 2000000 would otherwise print as 2e+06.
*/}}
{{- define "parley.env" -}}
- name: PARLEY_DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "parley.databaseSecret" . }}
      key: {{ .Values.database.secretKey }}
- name: PARLEY_HOST
  value: "0.0.0.0"
- name: PARLEY_PORT
  value: {{ .Values.containerPort | int64 | quote }}
- name: PARLEY_WORKERS
  value: {{ .Values.parley.workers | int64 | quote }}
- name: PARLEY_POOL_SIZE
  value: {{ .Values.parley.poolSize | int64 | quote }}
- name: PARLEY_POOL_MAX_OVERFLOW
  value: {{ .Values.parley.poolMaxOverflow | int64 | quote }}
- name: PARLEY_POOL_TIMEOUT_S
  value: {{ .Values.parley.poolTimeoutS | toString | quote }}
- name: PARLEY_STATEMENT_TIMEOUT_MS
  value: {{ .Values.parley.statementTimeoutMs | int64 | quote }}
- name: PARLEY_MAX_BODY_BYTES
  value: {{ .Values.parley.maxBodyBytes | int64 | quote }}
- name: PARLEY_DB_CONNECT_TIMEOUT_S
  value: {{ .Values.parley.dbConnectTimeoutS | toString | quote }}
- name: PARLEY_DB_KEEPALIVES_IDLE_S
  value: {{ .Values.parley.dbKeepalivesIdleS | int64 | quote }}
- name: PARLEY_DB_KEEPALIVES_INTERVAL_S
  value: {{ .Values.parley.dbKeepalivesIntervalS | int64 | quote }}
- name: PARLEY_DB_KEEPALIVES_COUNT
  value: {{ .Values.parley.dbKeepalivesCount | int64 | quote }}
- name: PARLEY_DB_TCP_USER_TIMEOUT_MS
  value: {{ .Values.parley.dbTcpUserTimeoutMs | int64 | quote }}
- name: PARLEY_UNKNOWN_KEY_CACHE_S
  value: {{ .Values.parley.unknownKeyCacheS | toString | quote }}
- name: PARLEY_KEY_RATE_PER_S
  value: {{ .Values.parley.keyRatePerS | toString | quote }}
- name: PARLEY_KEY_BURST
  value: {{ .Values.parley.keyBurst | int64 | quote }}
- name: PARLEY_HEADER_TIMEOUT_S
  value: {{ .Values.parley.headerTimeoutS | toString | quote }}
- name: PARLEY_KEEP_ALIVE_S
  value: {{ .Values.parley.keepAliveS | int64 | quote }}
- name: PARLEY_LIMIT_CONCURRENCY
  value: {{ .Values.parley.limitConcurrency | int64 | quote }}
- name: PARLEY_LOG_LEVEL
  value: {{ .Values.parley.logLevel | quote }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
The writable scratch folder every container mounts under a read-only root filesystem.
*/}}
{{- define "parley.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- end }}

{{- define "parley.podSpecCommon" -}}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.serviceAccountName }}
serviceAccountName: {{ . }}
{{- end }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
