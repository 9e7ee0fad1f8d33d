"""The Content-Security-Policy, with one allowance for the admin.

Every page gets the strict policy of settings.CONTENT_SECURITY_POLICY. The admin's vendored
widgets (select2 for autocomplete), DRF's browsable API and Swagger UI write inline style
attributes; under /admin/ and /api/ only, styles may be inline. Scripts stay 'self' everywhere."""

from csp.middleware import CSPMiddleware


INLINE_STYLE_PREFIXES = ("/admin/", "/api/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if request.path.startswith(INLINE_STYLE_PREFIXES) and getattr(response, "_csp_update", None) is None:
            response._csp_update = {"style-src": ["'unsafe-inline'"]}
        return super().process_response(request, response)
