# Generic netlink's controller, nlctrl (include/uapi/linux/genetlink.h,
# net/netlink/genetlink.c), as a user of linx would describe it: the schema
# of TestUserModuleGenericNetlink. Names match golang.org/x/sys/unix, which
# pins every value at build time.

enum "CtrlCmd" {
  doc  = "CtrlCmd is a command of nlctrl (genlmsghdr.cmd)."
  type = u8
  value "CTRL_CMD_UNSPEC"       { id = 0 }
  value "CTRL_CMD_NEWFAMILY"    { id = 1 }
  value "CTRL_CMD_DELFAMILY"    { id = 2 }
  value "CTRL_CMD_GETFAMILY"    { id = 3 }
  value "CTRL_CMD_NEWOPS"       { id = 4 }
  value "CTRL_CMD_DELOPS"       { id = 5 }
  value "CTRL_CMD_GETOPS"       { id = 6 }
  value "CTRL_CMD_NEWMCAST_GRP" { id = 7 }
  value "CTRL_CMD_DELMCAST_GRP" { id = 8 }
  value "CTRL_CMD_GETMCAST_GRP" { id = 9 }
  value "CTRL_CMD_GETPOLICY"    { id = 10 }
}

flags "GenlOpFlags" {
  doc  = "GenlOpFlags are the flags of an operation (GENL_*)."
  type = u32
  value "GENL_ADMIN_PERM"        { id = "0x01" }
  value "GENL_CMD_CAP_DO"        { id = "0x02" }
  value "GENL_CMD_CAP_DUMP"      { id = "0x04" }
  value "GENL_CMD_CAP_HASPOL"    { id = "0x08" }
  value "GENL_UNS_ADMIN_PERM"    { id = "0x10" }
}

struct "GenlMsgHdr" {
  doc  = "GenlMsgHdr is struct genlmsghdr."
  field "Cmd"      { type = CtrlCmd }
  field "Version"  { type = u8 }
  field "Reserved" { type = u16 }
}

struct "NlAttrHdr" {
  doc = "NlAttrHdr is struct nlattr heading each element of an indexed nest: its type is the element's index (1, 2, ..., with NLA_F_NESTED set)."
  field "Len"   {
    type   = u16
    length = true
  }
  field "Index" { type = u16 }
}

attrs "CtrlOpAttrs" {
  doc    = "CtrlOpAttrs describe one operation (CTRL_ATTR_OP_*)."
  prefix = "CTRL_ATTR_OP_"

  attr "CTRL_ATTR_OP_ID" {
    id   = 1
    type = u32
    go   = "ID"
  }
  attr "CTRL_ATTR_OP_FLAGS" {
    id   = 2
    type = GenlOpFlags
  }
}

attrs "CtrlMcastGrpAttrs" {
  doc    = "CtrlMcastGrpAttrs describe one multicast group (CTRL_ATTR_MCAST_GRP_*)."
  prefix = "CTRL_ATTR_MCAST_GRP_"

  attr "CTRL_ATTR_MCAST_GRP_NAME" {
    id   = 1
    type = string
  }
  attr "CTRL_ATTR_MCAST_GRP_ID" {
    id   = 2
    type = u32
    go   = "ID"
  }
}

record "CtrlOp" {
  doc    = "CtrlOp is one element of CTRL_ATTR_OPS."
  header = NlAttrHdr
  attrs  = CtrlOpAttrs
}

record "CtrlMcastGrp" {
  doc    = "CtrlMcastGrp is one element of CTRL_ATTR_MCAST_GROUPS."
  header = NlAttrHdr
  attrs  = CtrlMcastGrpAttrs
}

attrs "CtrlAttrs" {
  doc    = "CtrlAttrs are the attributes of nlctrl (CTRL_ATTR_*)."
  prefix = "CTRL_ATTR_"

  attr "CTRL_ATTR_FAMILY_ID" {
    id   = 1
    type = u16
    go   = "FamilyID"
  }
  attr "CTRL_ATTR_FAMILY_NAME" {
    id   = 2
    type = string
  }
  attr "CTRL_ATTR_VERSION" {
    id   = 3
    type = u32
  }
  attr "CTRL_ATTR_HDRSIZE" {
    id   = 4
    type = u32
    go   = "HdrSize"
  }
  attr "CTRL_ATTR_MAXATTR" {
    id   = 5
    type = u32
    go   = "MaxAttr"
  }
  attr "CTRL_ATTR_OPS" {
    id          = 6
    type        = records
    record      = CtrlOp
    nested_flag = true
  }
  attr "CTRL_ATTR_MCAST_GROUPS" {
    id          = 7
    type        = records
    record      = CtrlMcastGrp
    nested_flag = true
    go          = "McastGroups"
  }
  attr "CTRL_ATTR_POLICY" {
    id   = 8
    type = binary
  }
  attr "CTRL_ATTR_OP_POLICY" {
    id   = 9
    type = binary
  }
  attr "CTRL_ATTR_OP" {
    id   = 10
    type = u32
  }
}

message "CtrlMsg" {
  doc   = "CtrlMsg is a message of nlctrl: a family's description."
  genl  = "nlctrl"
  header = GenlMsgHdr
  attrs  = CtrlAttrs
  new    = CTRL_CMD_NEWFAMILY
  del    = CTRL_CMD_DELFAMILY
  get    = CTRL_CMD_GETFAMILY
}
