{{/*
The services of the chart: values key -> name and what each one's code reads (not operator choices, so they are not
values): a database (DB_*), the Tink keyset (TINK_KEYSET_FILE), OIDC bearer-token checks (OIDC_*), the Hostaway API.
*/}}
{{- define "hostmcp.services" -}}
mcpGateway: {name: mcp-gateway, database: false, tink: true, oidc: false, hostaway: true}
dashboardApi: {name: dashboard-api, database: false, tink: false, oidc: true, hostaway: false}
tenantService: {name: tenant-service, database: true, tink: true, oidc: true, hostaway: true}
billingService: {name: billing-service, database: true, tink: false, oidc: true, hostaway: false}
syncService: {name: sync-service, database: true, tink: true, oidc: true, hostaway: true}
auditService: {name: audit-service, database: true, tink: false, oidc: true, hostaway: false}
{{- end -}}

{{/* Environment variable names that hold secrets: they may only come from a secretKeyRef */}}
{{- define "hostmcp.secretNamePattern" -}}
(?i)(PASSWORD|SECRET|API_?KEY|KEYSET|JAAS|TOKEN|PRIVATE_?KEY|CREDENTIAL)
{{- end -}}

{{- define "hostmcp.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "hostmcp.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* name of a service's objects; (list $ "mcp-gateway") */}}
{{- define "hostmcp.componentName" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" (include "hostmcp.fullname" $root) (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "hostmcp.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "hostmcp.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "hostmcp.labels" -}}
{{- $root := index . 0 -}}
{{ include "hostmcp.selectorLabels" . }}
app.kubernetes.io/part-of: hostmcp
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* labels of objects that belong to no single service */}}
{{- define "hostmcp.commonLabels" -}}
app.kubernetes.io/name: {{ include "hostmcp.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: hostmcp
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "hostmcp.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "hostmcp.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* image of a service; (list $ $svc) */}}
{{- define "hostmcp.image" -}}
{{- $root := index . 0 -}}
{{- $svc := index . 1 -}}
{{- $registry := $root.Values.global.image.registry -}}
{{- $tag := $svc.image.tag | default $root.Values.global.image.tag | default $root.Chart.AppVersion -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" $registry) $svc.image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" $svc.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* the dashboard's public URL: https://<dashboardApi.ingress.host> */}}
{{- define "hostmcp.dashboardUrl" -}}
{{- $ing := .Values.dashboardApi.ingress -}}
{{- printf "%s://%s" (ternary "https" "http" $ing.tls.enabled) $ing.host -}}
{{- end -}}

{{/* the public MCP endpoint: https://<mcpGateway.ingress.host>/mcp */}}
{{- define "hostmcp.gatewayUrl" -}}
{{- $ing := .Values.mcpGateway.ingress -}}
{{- printf "%s://%s/mcp" (ternary "https" "http" $ing.tls.enabled) $ing.host -}}
{{- end -}}

{{/* URL of a service inside the cluster; (list $ "tenantService") */}}
{{- define "hostmcp.internalUrl" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $info := index (include "hostmcp.services" $root | fromYaml) $key -}}
{{- printf "http://%s:%v" (include "hostmcp.componentName" (list $root $info.name)) (index $root.Values $key).port -}}
{{- end -}}

{{/*
Non-secret environment of a service, rendered into its ConfigMap; (list $ $key). Fails on a secret-looking name in
`env`: secrets belong in a Secret, referenced through existingSecret or extraEnv[].valueFrom.secretKeyRef.
*/}}
{{- define "hostmcp.configData" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $info := index (include "hostmcp.services" $root | fromYaml) $key -}}
{{- $svc := index $root.Values $key -}}
{{- $g := $root.Values.global -}}
{{- $data := dict -}}
{{- $_ := set $data "QUARKUS_HTTP_HOST" "0.0.0.0" -}}
{{- $_ := set $data "QUARKUS_HTTP_PORT" (toString $svc.port) -}}
{{- $_ := set $data "LOG_JSON" (toString $g.logJson) -}}
{{- $_ := set $data "KAFKA_BOOTSTRAP_SERVERS" $g.kafka.bootstrapServers -}}
{{- if $g.kafka.auth.enabled -}}
{{- $_ := set $data "KAFKA_SECURITY_PROTOCOL" $g.kafka.auth.securityProtocol -}}
{{- $_ := set $data "KAFKA_SASL_MECHANISM" $g.kafka.auth.saslMechanism -}}
{{- end -}}
{{- if $info.database -}}
{{- $_ := set $data "DB_HOST" $g.database.host -}}
{{- $_ := set $data "DB_PORT" (toString $g.database.port) -}}
{{- $_ := set $data "DB_NAME" $g.database.name -}}
{{- end -}}
{{- if $info.oidc -}}
{{- $_ := set $data "OIDC_AUTH_SERVER_URL" $g.oidc.authServerUrl -}}
{{- $_ := set $data "OIDC_CLIENT_ID" $svc.oidc.clientId -}}
{{- end -}}
{{- if $info.tink -}}
{{- $_ := set $data "TINK_KEYSET_FILE" (printf "%s/keyset.json" (trimSuffix "/" $g.tink.mountPath)) -}}
{{- end -}}
{{- if $info.hostaway -}}
{{- $_ := set $data "HOSTAWAY_API_URL" $g.hostaway.apiUrl -}}
{{- end -}}
{{- /* forwarded headers (client address, scheme, host) only from the proxies named; none named = the service's own
default (the gateway: none believed; dashboard-api: believed from any peer) */ -}}
{{- with $svc.trustedProxies -}}
{{- $_ := set $data "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING" "true" -}}
{{- $_ := set $data "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED" "true" -}}
{{- $_ := set $data "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES" (join "," .) -}}
{{- end -}}
{{- if eq $key "mcpGateway" -}}
{{- $_ := set $data "GATEWAY_ALLOWED_ORIGINS" (join "," $svc.allowedOrigins) -}}
{{- $_ := set $data "DASHBOARD_URL" ($svc.dashboardUrl | default (include "hostmcp.dashboardUrl" $root)) -}}
{{- end -}}
{{- if eq $key "dashboardApi" -}}
{{- $_ := set $data "OIDC_SERVICE_CLIENT_ID" $svc.oidc.serviceClientId -}}
{{- $_ := set $data "TENANT_SERVICE_URL" (include "hostmcp.internalUrl" (list $root "tenantService")) -}}
{{- $_ := set $data "BILLING_SERVICE_URL" (include "hostmcp.internalUrl" (list $root "billingService")) -}}
{{- $_ := set $data "SYNC_SERVICE_URL" (include "hostmcp.internalUrl" (list $root "syncService")) -}}
{{- $_ := set $data "AUDIT_SERVICE_URL" (include "hostmcp.internalUrl" (list $root "auditService")) -}}
{{- $_ := set $data "DASHBOARD_PUBLIC_URL" (include "hostmcp.dashboardUrl" $root) -}}
{{- $_ := set $data "DASHBOARD_GATEWAY_URL" ($svc.gatewayUrl | default (include "hostmcp.gatewayUrl" $root)) -}}
{{- $_ := set $data "DASHBOARD_REQUIRE_VERIFIED_EMAIL" (toString $svc.requireVerifiedEmail) -}}
{{- end -}}
{{- if eq $key "tenantService" -}}
{{- $_ := set $data "MAIL_FROM" $svc.mail.from -}}
{{- $_ := set $data "SMTP_HOST" $svc.mail.smtpHost -}}
{{- $_ := set $data "SMTP_PORT" (toString $svc.mail.smtpPort) -}}
{{- $_ := set $data "MAIL_MOCK" "false" -}}
{{- end -}}
{{- if eq $key "billingService" -}}
{{- $_ := set $data "STRIPE_API_URL" $svc.stripe.apiUrl -}}
{{- $_ := set $data "STRIPE_PRICE_ID" $svc.stripe.priceId -}}
{{- $_ := set $data "STRIPE_PRICE_UNIT_AMOUNT" (toString $svc.stripe.unitAmount) -}}
{{- $_ := set $data "STRIPE_PRICE_CURRENCY" $svc.stripe.currency -}}
{{- $_ := set $data "BILLING_TRIAL_LENGTH" $svc.billing.trialLength -}}
{{- $_ := set $data "BILLING_PAYMENT_FAILURE_POLICY" $svc.billing.paymentFailurePolicy -}}
{{- $_ := set $data "BILLING_PAYMENT_FAILURE_GRACE" $svc.billing.paymentFailureGrace -}}
{{- $_ := set $data "BILLING_PRORATION_BEHAVIOR" $svc.billing.prorationBehavior -}}
{{- $origins := $svc.billing.redirectOrigins | default (list (include "hostmcp.dashboardUrl" $root)) -}}
{{- $_ := set $data "BILLING_REDIRECT_ORIGINS" (join "," $origins) -}}
{{- end -}}
{{- if eq $key "syncService" -}}
{{- $_ := set $data "SYNC_SCHEDULE_CRON" $svc.scheduleCron -}}
{{- end -}}
{{- if eq $key "auditService" -}}
{{- $_ := set $data "AUDIT_RETENTION_MONTHS" (toString $svc.audit.retentionMonths) -}}
{{- $_ := set $data "AUDIT_PARTITIONS_AHEAD" (toString $svc.audit.partitionsAhead) -}}
{{- $_ := set $data "AUDIT_MAINTENANCE_CRON" $svc.audit.maintenanceCron -}}
{{- $_ := set $data "AUDIT_PERCENTILE_REFRESH" $svc.audit.percentileRefresh -}}
{{- $_ := set $data "AUDIT_MAX_POLL_RECORDS" (toString $svc.audit.maxPollRecords) -}}
{{- $_ := set $data "AUDIT_CONSUMER_CONCURRENCY" (toString $svc.audit.consumerConcurrency) -}}
{{- end -}}
{{- range $name, $value := merge (dict) $svc.env $g.env -}}
{{- if regexMatch (include "hostmcp.secretNamePattern" $root) $name -}}
{{- fail (printf "%s.env.%s (or global.env) looks like a secret: a ConfigMap is no place for it. Put it in a Secret and reference it with %s.extraEnv[].valueFrom.secretKeyRef." $key $name $key) -}}
{{- end -}}
{{- $_ := set $data $name (toString $value) -}}
{{- end -}}
{{- toYaml $data -}}
{{- end -}}

{{/* secretKeyRef entries of a service's container; (list $ $key) */}}
{{- define "hostmcp.secretEnv" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $info := index (include "hostmcp.services" $root | fromYaml) $key -}}
{{- $svc := index $root.Values $key -}}
{{- $g := $root.Values.global -}}
{{- if $info.database }}
{{- $dbSecret := $svc.database.existingSecret | default $g.database.existingSecret }}
- name: DB_USER
  valueFrom:
    secretKeyRef:
      name: {{ $dbSecret }}
      key: {{ $g.database.usernameKey }}
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $dbSecret }}
      key: {{ $g.database.passwordKey }}
{{- end }}
{{- if $g.kafka.auth.enabled }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ required "global.kafka.auth.existingSecret is required when global.kafka.auth.enabled" $g.kafka.auth.existingSecret }}
      key: {{ $g.kafka.auth.jaasConfigKey }}
{{- end }}
{{- if eq $key "mcpGateway" }}
- name: GATEWAY_CURSOR_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $svc.cursorSecret.existingSecret }}
      key: {{ $svc.cursorSecret.key }}
{{- end }}
{{- if eq $key "dashboardApi" }}
- name: OIDC_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $svc.oidc.existingSecret }}
      key: {{ $svc.oidc.clientSecretKey }}
- name: OIDC_SERVICE_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $svc.oidc.existingSecret }}
      key: {{ $svc.oidc.serviceClientSecretKey }}
- name: OIDC_SESSION_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $svc.oidc.existingSecret }}
      key: {{ $svc.oidc.sessionSecretKey }}
{{- end }}
{{- if eq $key "billingService" }}
- name: STRIPE_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $svc.stripe.existingSecret }}
      key: {{ $svc.stripe.apiKeyKey }}
- name: STRIPE_WEBHOOK_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $svc.stripe.existingSecret }}
      key: {{ $svc.stripe.webhookSecretKey }}
{{- end }}
{{- if and (eq $key "tenantService") $svc.mail.existingSecret }}
- name: QUARKUS_MAILER_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $svc.mail.existingSecret }}
      key: {{ $svc.mail.usernameKey }}
- name: QUARKUS_MAILER_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $svc.mail.existingSecret }}
      key: {{ $svc.mail.passwordKey }}
{{- end }}
{{- end -}}

{{/* one probe; (list $probe $portName) */}}
{{- define "hostmcp.probe" -}}
{{- $p := index . 0 -}}
httpGet:
  path: {{ $p.path }}
  port: {{ index . 1 }}
{{- with $p.initialDelaySeconds }}
initialDelaySeconds: {{ . }}
{{- end }}
periodSeconds: {{ $p.periodSeconds }}
timeoutSeconds: {{ $p.timeoutSeconds }}
failureThreshold: {{ $p.failureThreshold }}
{{- end -}}
