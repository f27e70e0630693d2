package main

// Schema errors of the presentation names (emit_fields.go), kept beside the
// others in TestSchemaErrors.
func init() {
	schemaErrorTests = append(schemaErrorTests, struct {
		name   string
		schema string
		want   string
		detail string
		bug    string
	}{
		name: "text name without json name",
		schema: `
attrs "A" {
  attr "X_OIF" {
    id   = 1
    type = u32
    text = "dev"
  }
}
`,
		want:   "schema.hcl:2:3: Missing json name",
		detail: `X_OIF: text = "dev" needs json = "..." too`,
	})
}
