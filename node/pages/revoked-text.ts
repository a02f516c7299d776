// What the pages say while the district has revoked the node's certificate (server pages and browser scripts alike).

/** The banner's words while the node's certificate is revoked (it then shows whatever the link). */
export const REVOKED_BANNER_TEXT =
  '本站节点证书已被区政务服务中心吊销：本站与区级平台不再同步，工作人员无法在本站登录。请联系区政务服务中心。';
/** The login form's note while the node's certificate is revoked. */
export const REVOKED_LOGIN_TEXT = '本站节点证书已被区政务服务中心吊销，工作人员无法在本站登录。请联系区政务服务中心。';
