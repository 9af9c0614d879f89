/**
 * What GET /graphql shows a browser when this server has no built console: how to build it.
 * With a build, the page is GraphiQL's (console/graphiql.html), from the console's own files.
 */
export const GRAPHIQL_NOT_BUILT = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>BMC Control Plane - GraphiQL</title>
</head>
<body>
<p>GraphiQL is not served here. With <code>npm start</code>, run <code>npm run build:console</code> and restart; in a deployment, open <code>/graphiql.html</code> of the console's address. The API itself answers POST /graphql.</p>
</body>
</html>
`;
